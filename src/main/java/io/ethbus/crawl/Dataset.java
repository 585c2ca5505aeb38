package io.ethbus.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import static io.ethbus.crawl.ColumnType.DECIMAL;
import static io.ethbus.crawl.ColumnType.HEX;
import static io.ethbus.crawl.ColumnType.INT64;

/**
 * What a crawl can extract: a name and its columns. The built-in datasets ({@link #builtIn()})
 * have fixed columns; an event dataset ({@link EventDatasets}) has columns known only at run
 * time, and carries the {@link LogDecoder} that fills them from each log. Hashes, addresses and byte
 * strings are lowercase 0x hex (addresses as nodes send them, not EIP-55, so that equal
 * addresses are equal strings); 256-bit quantities are decimal strings; block numbers,
 * timestamps, indices, gas and nonces are int64. Rows are read from the node's JSON by
 * {@link BlockRowReader}, {@link ReceiptRowReader} and {@link TraceRowReader}, in this column order.
 *
 * @param wireName the lowercase name used on the command line, in file names and in table names
 * @param columns  the columns, in file order
 * @param decoder  for an event dataset, what turns a log into its rows; null for the built-ins read
 *                 straight from blocks, receipts and traces
 */
public record Dataset(String wireName, List<Column> columns, LogDecoder decoder) {
    public static final Dataset BLOCKS = new Dataset("blocks", List.of(
            new Column("block_number", INT64, "block number"),
            new Column("block_hash", HEX, "block hash"),
            new Column("parent_hash", HEX, "parent block hash"),
            new Column("timestamp", INT64, "block time, seconds since the Unix epoch"),
            new Column("miner", HEX, "fee recipient address"),
            new Column("gas_limit", INT64, "gas limit"),
            new Column("gas_used", INT64, "gas used by all transactions"),
            new Column("base_fee_per_gas", DECIMAL, "EIP-1559 base fee in wei; null before London"),
            new Column("difficulty", DECIMAL, "proof-of-work difficulty"),
            new Column("size", INT64, "block size in bytes"),
            new Column("transaction_count", INT64, "number of transactions"),
            new Column("extra_data", HEX, "extra data"),
            new Column("state_root", HEX, "state trie root"),
            new Column("transactions_root", HEX, "transactions trie root"),
            new Column("receipts_root", HEX, "receipts trie root"),
            new Column("blob_gas_used", INT64, "EIP-4844 blob gas used; null before Cancun"),
            new Column("excess_blob_gas", INT64, "EIP-4844 excess blob gas; null before Cancun")), null);
    public static final Dataset TRANSACTIONS = new Dataset("transactions", List.of(
            new Column("block_number", INT64, "block number"),
            new Column("block_hash", HEX, "block hash"),
            new Column("block_timestamp", INT64, "block time, seconds since the Unix epoch"),
            new Column("transaction_index", INT64, "position in the block"),
            new Column("transaction_hash", HEX, "transaction hash"),
            new Column("nonce", INT64, "sender nonce"),
            new Column("from_address", HEX, "sender"),
            new Column("to_address", HEX, "recipient; null for a contract creation"),
            new Column("value", DECIMAL, "value in wei"),
            new Column("gas", INT64, "gas limit of the transaction"),
            new Column("gas_price", DECIMAL, "gas price in wei (effective price for EIP-1559 transactions)"),
            new Column("max_fee_per_gas", DECIMAL, "EIP-1559 fee cap in wei"),
            new Column("max_priority_fee_per_gas", DECIMAL, "EIP-1559 tip cap in wei"),
            new Column("max_fee_per_blob_gas", DECIMAL, "EIP-4844 blob fee cap in wei"),
            new Column("input", HEX, "call data"),
            new Column("type", INT64, "transaction type (0 legacy, 1, 2, 3, 4)"),
            new Column("chain_id", INT64, "chain id; null for legacy transactions without one")), null);
    public static final Dataset RECEIPTS = new Dataset("receipts", List.of(
            new Column("block_number", INT64, "block number"),
            new Column("block_hash", HEX, "block hash"),
            new Column("block_timestamp", INT64, "block time, seconds since the Unix epoch"),
            new Column("transaction_index", INT64, "position in the block"),
            new Column("transaction_hash", HEX, "transaction hash"),
            new Column("from_address", HEX, "sender"),
            new Column("to_address", HEX, "recipient; null for a contract creation"),
            new Column("contract_address", HEX, "created contract; null otherwise"),
            new Column("status", INT64, "1 success, 0 failure; null before Byzantium"),
            new Column("gas_used", INT64, "gas used by this transaction"),
            new Column("cumulative_gas_used", INT64, "gas used in the block up to and including it"),
            new Column("effective_gas_price", DECIMAL, "price paid per gas in wei"),
            new Column("type", INT64, "transaction type"),
            new Column("log_count", INT64, "number of logs emitted"),
            new Column("blob_gas_used", INT64, "EIP-4844 blob gas used"),
            new Column("blob_gas_price", DECIMAL, "EIP-4844 blob gas price in wei")), null);
    public static final Dataset LOGS = new Dataset("logs", List.of(
            new Column("block_number", INT64, "block number"),
            new Column("block_hash", HEX, "block hash"),
            new Column("block_timestamp", INT64, "block time, seconds since the Unix epoch"),
            new Column("transaction_index", INT64, "position of the transaction in the block"),
            new Column("transaction_hash", HEX, "transaction hash"),
            new Column("log_index", INT64, "position of the log in the block"),
            new Column("address", HEX, "emitting contract"),
            new Column("topic0", HEX, "first topic (the event signature for Solidity events); null when absent"),
            new Column("topic1", HEX, "second topic; null when absent"),
            new Column("topic2", HEX, "third topic; null when absent"),
            new Column("topic3", HEX, "fourth topic; null when absent"),
            new Column("data", HEX, "non-indexed data")), null);
    public static final Dataset TRACES = new Dataset("traces", TraceColumns.TRACES, null);
    public static final Dataset CONTRACTS = new Dataset("contracts", TraceColumns.CONTRACTS, null);
    public static final Dataset NATIVE_TRANSFERS = new Dataset("native_transfers", TraceColumns.NATIVE_TRANSFERS, null);

    private static final List<Dataset> BUILT_IN = List.of(BLOCKS, TRANSACTIONS, RECEIPTS, LOGS,
            TRACES, CONTRACTS, NATIVE_TRANSFERS);

    public Dataset {
        Objects.requireNonNull(wireName, "wireName");
        columns = List.copyOf(columns);
    }

    /** The datasets read straight from blocks, receipts and traces, in the order the crawl lists them. */
    public static List<Dataset> builtIn() {
        return BUILT_IN;
    }

    /** True when the dataset needs receipts (receipts, logs). */
    public boolean needsReceipts() {
        return equals(RECEIPTS) || equals(LOGS);
    }

    /** True when the dataset is read from the block's traces (traces, contracts, native_transfers). */
    public boolean needsTraces() {
        return equals(TRACES) || equals(CONTRACTS) || equals(NATIVE_TRANSFERS);
    }

    /**
     * Parses a comma-separated list such as {@code blocks,logs} of built-in datasets and of
     * {@code also}'s (the built-in event datasets); throws {@link CrawlConfigException} for an unknown name.
     */
    public static List<Dataset> parseList(String text, List<Dataset> also) {
        List<Dataset> known = new ArrayList<>(BUILT_IN);
        known.addAll(also);
        List<Dataset> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            Dataset d = known.stream().filter(v -> v.wireName().equals(name)).findFirst()
                    .orElseThrow(() -> new CrawlConfigException("unknown dataset '" + part.strip() + "'; known: "
                            + known.stream().map(Dataset::wireName).collect(Collectors.joining(", "))));
            if (!out.contains(d)) {
                out.add(d);
            }
        }
        if (out.isEmpty()) {
            throw new CrawlConfigException("--datasets is empty");
        }
        return List.copyOf(out);
    }

    /** Parses a comma-separated list of built-in datasets such as {@code blocks,logs}. */
    public static List<Dataset> parseList(String text) {
        return parseList(text, List.of());
    }

    /** By the wire name alone: rows are looked up by dataset per block and per log, and names are unique in a run. */
    @Override
    public int hashCode() {
        return wireName.hashCode();
    }

    /** The wire name: what the summary, the plan and errors show. */
    @Override
    public String toString() {
        return wireName;
    }
}
