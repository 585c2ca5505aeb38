package io.ethbus.crawl.postgres;

import io.ethbus.crawl.Column;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The primary key of each dataset's table: the block number and the columns that place a
 * row within its block. A new dataset joins the table below, or is keyed by the block number
 * and its {@code *_index} columns, in column order (a log's or an event's {@code log_index},
 * and an ERC-1155 transfer's {@code batch_index}; the transaction's index is implied by the log's).
 */
final class PrimaryKeys {
    private static final String BLOCK = "block_number";

    /** Datasets whose key the rule would not give. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "blocks", List.of(BLOCK),
            "transactions", List.of(BLOCK, "transaction_index"),
            "receipts", List.of(BLOCK, "transaction_index"),
            "logs", List.of(BLOCK, "log_index"),
            // a frame is placed by its transaction and its trace address (the top frame's is [])
            "traces", List.of(BLOCK, "transaction_index", "trace_address"),
            "contracts", List.of(BLOCK, "transaction_index", "trace_address"),
            "native_transfers", List.of(BLOCK, "transaction_index", "trace_address"));

    private PrimaryKeys() {
    }

    /** The key columns of the dataset named {@code wireName} with {@code columns}. */
    static List<String> of(String wireName, List<Column> columns) {
        List<String> key = KEYS.get(wireName);
        if (key != null) {
            return key;
        }
        boolean logIndex = columns.stream().anyMatch(c -> c.name().equals("log_index"));
        return Stream.concat(Stream.of(BLOCK), columns.stream().map(Column::name)
                        // a row with a log index is placed by it and its position in the log (an ERC-1155
                        // batch's pairs), not by its transaction's; otherwise by every index it has
                        .filter(n -> n.endsWith("_index") && !(logIndex && n.equals("transaction_index"))))
                .toList();
    }
}
