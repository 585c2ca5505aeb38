package io.ethbus.crawl;

import java.util.List;

import static io.ethbus.crawl.ColumnType.DECIMAL;
import static io.ethbus.crawl.ColumnType.HEX;
import static io.ethbus.crawl.ColumnType.INT64;

/**
 * The columns of the datasets read from traces ({@link Dataset#TRACES}, {@link Dataset#CONTRACTS},
 * {@link Dataset#NATIVE_TRANSFERS}), in file order, as {@link TraceRowReader} fills them. A
 * frame's place in its transaction is its trace address: the indices of the frames above it,
 * written as a JSON array ({@code []} for the transaction's own call, {@code [0,2]}).
 * Strings that are not hex (type, error) go in HEX columns too: text, stored as such.
 */
final class TraceColumns {
    private TraceColumns() {
    }

    static final List<Column> TRACES = List.of(
            new Column("block_number", INT64, "block number"),
            new Column("block_hash", HEX, "block hash"),
            new Column("transaction_index", INT64, "position of the transaction in the block"),
            new Column("transaction_hash", HEX, "transaction hash"),
            new Column("depth", INT64, "0 for the transaction's own call, 1 for the calls it makes, ..."),
            new Column("trace_address", HEX, "indices of the frames above this one, as a JSON array"),
            new Column("type", HEX, "CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2 or SELFDESTRUCT"),
            new Column("from_address", HEX, "caller (the contract itself for SELFDESTRUCT)"),
            new Column("to_address", HEX, "callee; the created contract for CREATE/CREATE2; the beneficiary for SELFDESTRUCT"),
            new Column("value", DECIMAL, "value in wei; null where the node sends none (DELEGATECALL, STATICCALL)"),
            new Column("gas", INT64, "gas given to the frame"),
            new Column("gas_used", INT64, "gas the frame used"),
            new Column("input", HEX, "call data; init code for a creation"),
            new Column("output", HEX, "return data; deployed code for a creation"),
            new Column("error", HEX, "why the frame failed (text, e.g. 'execution reverted'); null when it succeeded"));

    static final List<Column> CONTRACTS = List.of(
            new Column("block_number", INT64, "block number"),
            new Column("block_hash", HEX, "block hash"),
            new Column("transaction_index", INT64, "position of the creating transaction in the block"),
            new Column("transaction_hash", HEX, "creating transaction"),
            new Column("trace_address", HEX, "trace address of the creating frame, as a JSON array"),
            new Column("type", HEX, "CREATE or CREATE2"),
            new Column("address", HEX, "the created contract"),
            new Column("creator", HEX, "the account whose frame created it: the sender, or a contract"),
            new Column("code_hash", HEX, "keccak-256 of the deployed code"));

    static final List<Column> NATIVE_TRANSFERS = List.of(
            new Column("block_number", INT64, "block number"),
            new Column("block_hash", HEX, "block hash"),
            new Column("transaction_index", INT64, "position of the transaction in the block"),
            new Column("transaction_hash", HEX, "transaction hash"),
            new Column("depth", INT64, "0 for the transaction's own transfer, above 0 for internal ones"),
            new Column("trace_address", HEX, "trace address of the moving frame, as a JSON array"),
            new Column("type", HEX, "type of the moving frame (CALL, CREATE, SELFDESTRUCT, ...)"),
            new Column("from_address", HEX, "payer"),
            new Column("to_address", HEX, "payee"),
            new Column("value", DECIMAL, "value in wei, above zero"));
}
