package io.ethbus.crawl;

import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RawJson;

import io.ethbus.rpc.RpcMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the node answered for a block into rows of the crawled datasets, reading the
 * JSON with a {@link io.ethbus.rpc.JsonCursor}: no tokens, trees, typed blocks or receipts in between. CPU work: run it off
 * the event loop. Thread-safe (holds no state besides the datasets).
 */
final class RowExtractor {
    private final List<Dataset> datasets;
    /** The event datasets by the topic0 of their logs; {@link #anyTopic} those that may take any log. */
    private final Map<String, List<Dataset>> byTopic0 = new HashMap<>();
    private final List<Dataset> anyTopic = new ArrayList<>();
    /** What an eth_getLogs answer for the event datasets must hold; null without event datasets. */
    private final LogQuery logQuery;
    /** Where the block's traces came from; null when no trace dataset is crawled. */
    private final TraceApi traces;

    RowExtractor(List<Dataset> datasets) {
        this(datasets, null);
    }

    RowExtractor(List<Dataset> datasets, TraceApi traces) {
        this.datasets = List.copyOf(datasets);
        for (Dataset d : datasets) {
            if (d.decoder() != null) {
                List<String> topics = d.decoder().topic0s();
                if (topics.isEmpty()) {
                    anyTopic.add(d);
                }
                topics.forEach(t -> byTopic0.computeIfAbsent(t, k -> new ArrayList<>()).add(d));
            }
        }
        this.logQuery = LogQuery.of(datasets);
        if (traces == null && datasets.stream().anyMatch(Dataset::needsTraces)) {
            throw new IllegalArgumentException("trace datasets need the node's trace API");
        }
        this.traces = datasets.stream().anyMatch(Dataset::needsTraces) ? traces : null;
    }

    /**
     * The rows of a fetched run of consecutive blocks, checked to link up among themselves and
     * to the headers fetched beside them. The header after the run may be null only when that
     * block is past {@code head}: nothing can confirm the hash of the chain's last block yet.
     */
    List<BlockRows> extractRun(BlockFetcher.Result fetched, long head, String endpoint) {
        List<BlockRows> blocks = new ArrayList<>(fetched.blocks().size());
        List<BlockRowReader.Header> headers = new ArrayList<>(fetched.blocks().size());
        for (FetchedBlock b : fetched.blocks()) {
            blocks.add(extract(b, endpoint, headers));
        }
        long first = blocks.get(0).number();
        long last = blocks.get(blocks.size() - 1).number();
        BlockRowReader.Link before = fetched.before() == null ? null : link(fetched.before(), first - 1, endpoint);
        boolean tip = fetched.after() != null && fetched.after().isNull() && last + 1 > head;
        BlockRowReader.Link after = fetched.after() == null || tip ? null : link(fetched.after(), last + 1, endpoint);
        String broken = ChainLinks.breakIn(blocks, before, after);
        if (broken != null) {
            throw new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), endpoint, broken);
        }
        if (fetched.logs() != null) {
            List<List<Row>> logs;
            try {
                logs = GetLogsRowReader.read(fetched.logs().cursor(), headers, logQuery);
            } catch (MalformedResponseException e) {
                throw new MalformedResponseException(RpcMethod.ETH_GET_LOGS.wireName(), endpoint,
                        "blocks " + first + ".." + last + ": " + e.reason(), e);
            }
            for (int i = 0; i < blocks.size(); i++) {
                decodeEvents(logs.get(i), blocks.get(i).rows());
            }
        }
        return blocks;
    }

    private static BlockRowReader.Link link(RawJson header, long number, String endpoint) {
        if (header.isNull()) {
            throw new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), endpoint, "block " + number
                    + ": null, for a block at or below the head");
        }
        try {
            return BlockRowReader.link(header.cursor());
        } catch (MalformedResponseException e) {
            throw new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), endpoint, "block " + number + ": " + e.reason(), e);
        }
    }

    /**
     * The rows of one block. A malformed answer (a required field missing, bad hex, another
     * block, receipts that are not the block's transactions' in order, fewer receipts than
     * transactions) is a {@link MalformedResponseException} naming the block, the field, what
     * was expected and what came, which the crawl retries.
     */
    BlockRows extract(FetchedBlock fetched, String endpoint) {
        return extract(fetched, endpoint, null);
    }

    /** {@link #extract(FetchedBlock, String)}, adding the block's header to {@code headers} when not null. */
    private BlockRows extract(FetchedBlock fetched, String endpoint, List<BlockRowReader.Header> headers) {
        Map<Dataset, List<Row>> rows = new HashMap<>();
        for (Dataset d : datasets) {
            rows.put(d, new ArrayList<>());
        }
        BlockRowReader.Header header;
        try {
            header = BlockRowReader.read(fetched.block().cursor(), rows.get(Dataset.BLOCKS), rows.get(Dataset.TRANSACTIONS));
        } catch (MalformedResponseException e) {
            throw new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), endpoint,
                    "block " + fetched.number() + ": " + e.reason(), e);
        }
        if (header.number() != fetched.number()) {
            throw new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), endpoint,
                    "block " + fetched.number() + ": block.number: expected " + fetched.number() + ", got " + header.number());
        }
        if (headers != null) {
            headers.add(header);
        }
        // receipts come for the datasets that need them, or for the logs of a block too busy for
        // eth_getLogs: its events are then offered to each dataset's own contract and topic0
        // filter below, as strict as the eth_getLogs filter, so both routes give the same rows
        if (fetched.receipts() != null) {
            int count;
            try {
                List<Row> logs = rows.get(Dataset.LOGS);
                if (logs == null && (!byTopic0.isEmpty() || !anyTopic.isEmpty())) {
                    logs = new ArrayList<>(); // read for the event datasets only
                }
                count = ReceiptRowReader.read(fetched.receipts().cursor(), header, rows.get(Dataset.RECEIPTS), logs);
                decodeEvents(logs, rows);
            } catch (MalformedResponseException e) {
                throw new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_RECEIPTS.wireName(), endpoint,
                        "block " + fetched.number() + ": " + e.reason(), e);
            }
            if (count != header.transactionCount()) {
                // a node that is still indexing can answer short: worth a retry
                throw new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_RECEIPTS.wireName(), endpoint, "block " + fetched.number()
                        + " has " + header.transactionCount() + " transactions but " + count + " receipts");
            }
        }
        if (traces != null) {
            try {
                TraceRowReader.read(fetched.traces(), traces, header, rows.get(Dataset.TRACES), rows.get(Dataset.CONTRACTS),
                        rows.get(Dataset.NATIVE_TRANSFERS));
            } catch (MalformedResponseException e) {
                throw new MalformedResponseException(traces.method().wireName(), endpoint,
                        "block " + fetched.number() + ": " + e.reason(), e);
            }
        }
        return new BlockRows(fetched.number(), header.hash(), header.parentHash(), header.transactionCount(), rows,
                fetched.answerBytes());
    }

    /** Offers each checked log, once, to the event datasets of its topic0 (and to those of any topic). */
    private void decodeEvents(List<Row> logs, Map<Dataset, List<Row>> rows) {
        if (logs == null || (byTopic0.isEmpty() && anyTopic.isEmpty())) {
            return;
        }
        for (Row log : logs) {
            ScannedLog scanned = new ScannedLog(log);
            String topic0 = scanned.topic0();
            List<Dataset> candidates = topic0 == null ? null : byTopic0.get(topic0);
            if (candidates != null) {
                for (Dataset d : candidates) {
                    offer(d, scanned, rows);
                }
            }
            for (Dataset d : anyTopic) {
                offer(d, scanned, rows);
            }
        }
    }

    private static void offer(Dataset d, ScannedLog log, Map<Dataset, List<Row>> rows) {
        Set<String> contracts = d.decoder().contracts();
        if (contracts.isEmpty() || contracts.contains(log.address())) {
            d.decoder().decode(log, rows.get(d));
        }
    }
}
