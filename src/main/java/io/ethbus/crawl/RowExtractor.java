package io.ethbus.crawl;

import io.ethbus.rpc.MalformedResponseException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the node answered for a block into rows of the crawled datasets, reading the
 * JSON with a {@link io.ethbus.rpc.JsonCursor}: no tokens, trees, typed blocks or receipts in between. CPU work: run it off
 * the event loop. Thread-safe (holds no state besides the datasets).
 */
final class RowExtractor {
    private final List<Dataset> datasets;
    private final boolean receipts;

    RowExtractor(List<Dataset> datasets) {
        this.datasets = List.copyOf(datasets);
        this.receipts = datasets.stream().anyMatch(Dataset::needsReceipts);
    }

    /**
     * The rows of one block. A malformed answer (a required field missing, bad hex, fewer
     * receipts than transactions) is a {@link MalformedResponseException}, which the crawl retries.
     */
    BlockRows extract(FetchedBlock fetched, String endpoint) {
        Map<Dataset, List<Row>> rows = new EnumMap<>(Dataset.class);
        for (Dataset d : datasets) {
            rows.put(d, new ArrayList<>());
        }
        BlockRowReader.Header header;
        try {
            header = BlockRowReader.read(fetched.block().cursor(), rows.get(Dataset.BLOCKS), rows.get(Dataset.TRANSACTIONS));
        } catch (MalformedResponseException e) {
            throw new MalformedResponseException("eth_getBlockByNumber", endpoint,
                    "block " + fetched.number() + ": " + e.reason(), e);
        }
        if (header.number() != null && header.number() != fetched.number()) {
            throw new MalformedResponseException("eth_getBlockByNumber", endpoint,
                    "asked for block " + fetched.number() + ", got block " + header.number());
        }
        if (receipts) {
            int count;
            try {
                count = ReceiptRowReader.read(fetched.receipts().cursor(), header, rows.get(Dataset.RECEIPTS), rows.get(Dataset.LOGS));
            } catch (MalformedResponseException e) {
                throw new MalformedResponseException("eth_getBlockReceipts", endpoint,
                        "block " + fetched.number() + ": " + e.reason(), e);
            }
            if (count != header.transactionCount()) {
                // a node that is still indexing can answer short: worth a retry
                throw new MalformedResponseException("eth_getBlockReceipts", endpoint, "block " + fetched.number()
                        + " has " + header.transactionCount() + " transactions but " + count + " receipts");
            }
        }
        if (header.hash() == null) {
            throw new MalformedResponseException("eth_getBlockByNumber", endpoint, "block " + fetched.number() + " has no hash");
        }
        return new BlockRows(fetched.number(), header.hash(), header.parentHash(), header.transactionCount(), rows);
    }
}
