package io.ethbus.crawl;

import io.ethbus.rpc.JsonCursor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an eth_getLogs answer for a run of consecutive blocks into {@link Dataset#LOGS} rows,
 * per block, checked against the blocks' headers fetched in the same batch: each log's block
 * number inside the run, its block hash the header's (another hash is a reorganisation between
 * the calls), its transaction the header's at its index, log indices strictly increasing
 * within a block, and its contract and topic0 among those filtered for. Anything else is a
 * malformed answer, which the crawl retries; no row comes from a log that did not match.
 */
final class GetLogsRowReader {
    private static final int TOPIC0 = 7;

    private GetLogsRowReader() {
    }

    /** The log rows of each block of {@code headers} (consecutive, in order), in log order. */
    static List<List<Row>> read(JsonCursor c, List<BlockRowReader.Header> headers, LogQuery query) {
        long first = headers.get(0).number();
        List<List<Row>> out = new ArrayList<>(headers.size());
        long[] lastIndex = new long[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            out.add(new ArrayList<>());
            lastIndex[i] = -1;
        }
        WireValues.open(c, true, "logs");
        int n = 0;
        for (boolean firstLog = true; c.nextElement(firstLog); firstLog = false, n++) {
            Object[] l = new Object[Dataset.LOGS.columns().size()];
            boolean[] topics = {false};
            ReceiptRowReader.LOG.read(c, l, (name, cursor) -> {
                ReceiptRowReader.topics(cursor, l);
                topics[0] = true;
            });
            if (!topics[0]) {
                throw WireValues.missing("logs[" + n + "].topics");
            }
            long number = (Long) l[0];
            if (number < first || number >= first + headers.size()) {
                throw WireValues.malformed("logs[" + n + "].blockNumber: expected " + first + ".."
                        + (first + headers.size() - 1) + ", got " + number);
            }
            int b = (int) (number - first);
            BlockRowReader.Header header = headers.get(b);
            WireValues.expect("logs", n, "blockHash", header.hash(), l[1]);
            long tx = (Long) l[3];
            if (tx < 0 || tx >= header.transactionCount()) {
                throw WireValues.malformed("logs[" + n + "].transactionIndex: block " + number + " has "
                        + header.transactionCount() + " transactions, got " + tx);
            }
            String txHash = header.transactionHashes().get((int) tx);
            WireValues.expect("logs", n, "transactionHash", txHash, l[4]);
            long logIndex = (Long) l[5];
            if (logIndex <= lastIndex[b]) {
                throw WireValues.malformed("logs[" + n + "].logIndex: expected more than " + lastIndex[b]
                        + " (log indices increase through the block), got " + logIndex);
            }
            lastIndex[b] = logIndex;
            if (!query.admits((String) l[6], (String) l[TOPIC0])) {
                throw WireValues.malformed("logs[" + n + "]: address " + l[6] + " and topic0 " + l[TOPIC0]
                        + " are not what the filter asked for");
            }
            l[1] = header.hash();
            l[2] = header.timestamp();
            l[4] = txHash;
            out.get(b).add(new Row(Arrays.asList(l)));
        }
        return out;
    }
}
