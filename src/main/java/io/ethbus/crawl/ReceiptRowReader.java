package io.ethbus.crawl;

import io.ethbus.rpc.JsonCursor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ethbus.crawl.FieldLayout.Kind.ADDRESS;
import static io.ethbus.crawl.FieldLayout.Kind.DATA;
import static io.ethbus.crawl.FieldLayout.Kind.DECIMAL;
import static io.ethbus.crawl.FieldLayout.Kind.HASH;
import static io.ethbus.crawl.FieldLayout.Kind.INT64;
import static io.ethbus.crawl.FieldLayout.Kind.TEXT;
import static io.ethbus.crawl.FieldLayout.opt;
import static io.ethbus.crawl.FieldLayout.req;

/**
 * Reads a block's receipts (an eth_getBlockReceipts answer, or the eth_getTransactionReceipt
 * answers gathered into an array) from a {@link JsonCursor} into {@link Dataset#RECEIPTS} and
 * {@link Dataset#LOGS} rows. Block number, hash and time of log rows come from the block.
 * Every receipt must be the block's receipt at its position: the block's number and hash, the
 * transaction hash at that index; every log read must carry its receipt's block and
 * transaction, with log indices increasing through the block. Anything else is a malformed
 * answer (another block's receipts, answers whose ids were swapped), found in the same pass.
 */
final class ReceiptRowReader {
    private static final int MAX_TOPICS = 4;
    private static final int TOPIC0 = 7;
    private static final int LOG_COUNT = 13;
    private static final FieldLayout RECEIPT = new FieldLayout("receipt", List.of("logs"),
            req("blockNumber", 0, INT64), req("blockHash", 1, HASH), req("transactionIndex", 3, INT64),
            req("transactionHash", 4, HASH), req("from", 5, ADDRESS), opt("to", 6, ADDRESS),
            opt("contractAddress", 7, ADDRESS), opt("status", 8, INT64), req("gasUsed", 9, INT64),
            req("cumulativeGasUsed", 10, INT64), opt("effectiveGasPrice", 11, DECIMAL), opt("type", 12, INT64),
            opt("blobGasUsed", 14, INT64), opt("blobGasPrice", 15, DECIMAL));
    /** Block and transaction fields are read into their columns to be compared with the receipt's. */
    static final FieldLayout LOG = new FieldLayout("log", List.of("topics"),
            req("blockNumber", 0, INT64), req("blockHash", 1, TEXT), req("transactionIndex", 3, INT64),
            req("transactionHash", 4, TEXT), req("logIndex", 5, INT64), req("address", 6, ADDRESS), req("data", 11, DATA));

    private ReceiptRowReader() {
    }

    /**
     * Reads the receipts array that comes next. Adds rows to {@code receiptRows} and
     * {@code logRows}, each when not null. Returns the number of receipts.
     */
    static int read(JsonCursor c, BlockRowReader.Header block, List<Row> receiptRows, List<Row> logRows) {
        WireValues.open(c, true, "receipts");
        int n = 0;
        long[] lastLogIndex = {-1};
        for (boolean first = true; c.nextElement(first); first = false) {
            receipt(c, block, n, lastLogIndex, receiptRows, logRows);
            n++;
        }
        return n;
    }

    /** Reads receipt {@code index} of the block; {@code lastLogIndex} is the block's last log index so far. */
    private static void receipt(JsonCursor c, BlockRowReader.Header block, int index, long[] lastLogIndex,
                                List<Row> receiptRows, List<Row> logRows) {
        Object[] r = new Object[Dataset.RECEIPTS.columns().size()];
        List<Object[]> logs = logRows == null ? null : new ArrayList<>();
        RECEIPT.read(c, r, (name, cursor) -> r[LOG_COUNT] = (long) logs(cursor, logs));
        if (r[LOG_COUNT] == null) {
            throw WireValues.missing("receipt.logs");
        }
        WireValues.expect("receipts", index, "blockHash", block.hash(), r[1]);
        WireValues.expect("receipts", index, "blockNumber", block.number(), r[0]);
        if (index >= block.transactionCount()) {
            throw WireValues.malformed("receipts[" + index + "]: more receipts than the block's "
                    + block.transactionCount() + " transactions");
        }
        WireValues.expect("receipts", index, "transactionHash", block.transactionHashes().get(index), r[4]);
        WireValues.expect("receipts", index, "transactionIndex", (long) index, r[3]);
        if (r[12] == null) {
            r[12] = 0L; // a receipt without a type is legacy
        }
        r[2] = block.timestamp();
        if (receiptRows != null) {
            receiptRows.add(new Row(Arrays.asList(r)));
        }
        if (logRows != null) {
            // the receipt's own fields may come after its logs in the text: matched once all is read
            for (int i = 0; i < logs.size(); i++) {
                Object[] l = logs.get(i);
                WireValues.expect("receipts", index, "logs", i, "blockHash", r[1], l[1]);
                WireValues.expect("receipts", index, "logs", i, "blockNumber", r[0], l[0]);
                WireValues.expect("receipts", index, "logs", i, "transactionHash", r[4], l[4]);
                WireValues.expect("receipts", index, "logs", i, "transactionIndex", r[3], l[3]);
                long logIndex = (Long) l[5];
                if (logIndex <= lastLogIndex[0]) {
                    throw WireValues.malformed("receipts[" + index + "].logs[" + i + "].logIndex: expected more than " + lastLogIndex[0]
                            + " (log indices increase through the block), got " + logIndex);
                }
                lastLogIndex[0] = logIndex;
                l[1] = block.hash();
                l[2] = r[2];
                l[4] = r[4];
                logRows.add(new Row(Arrays.asList(l)));
            }
        }
    }

    /** Reads a receipt's logs array, with rows when {@code rows} is not null; returns how many logs it has. */
    private static int logs(JsonCursor c, List<Object[]> rows) {
        WireValues.open(c, true, "receipt.logs");
        int n = 0;
        for (boolean first = true; c.nextElement(first); first = false) {
            if (rows == null) {
                if (c.peek() != '{') {
                    throw WireValues.malformed("log must be an object, got " + JsonCursor.kind(c.peek()));
                }
                c.skipValue();
            } else {
                Object[] l = new Object[Dataset.LOGS.columns().size()];
                boolean[] topics = {false};
                LOG.read(c, l, (name, cursor) -> {
                    topics(cursor, l);
                    topics[0] = true;
                });
                if (!topics[0]) {
                    throw WireValues.missing("log.topics");
                }
                rows.add(l);
            }
            n++;
        }
        return n;
    }

    /** The first four topics go to topic0..topic3; the EVM emits no more, others are checked and left out. */
    static void topics(JsonCursor c, Object[] l) {
        WireValues.open(c, true, "log.topics");
        int i = 0;
        for (boolean first = true; c.nextElement(first); first = false) {
            String topic = WireValues.hash(c, "log.topics[" + i + "]");
            if (i < MAX_TOPICS) {
                l[TOPIC0 + i] = topic;
            }
            i++;
        }
    }
}
