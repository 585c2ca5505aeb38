package io.ethbus.crawl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ethbus.crawl.FieldLayout.Kind.ADDRESS;
import static io.ethbus.crawl.FieldLayout.Kind.DATA;
import static io.ethbus.crawl.FieldLayout.Kind.DECIMAL;
import static io.ethbus.crawl.FieldLayout.Kind.HASH;
import static io.ethbus.crawl.FieldLayout.Kind.INT64;
import static io.ethbus.crawl.FieldLayout.opt;
import static io.ethbus.crawl.FieldLayout.req;

/**
 * Reads a block's receipts (an eth_getBlockReceipts answer, or the eth_getTransactionReceipt
 * answers gathered into an array) from a streaming parser into {@link Dataset#RECEIPTS} and
 * {@link Dataset#LOGS} rows. Block number, hash and time of log rows come from the block.
 */
final class ReceiptRowReader {
    private static final int MAX_TOPICS = 4;
    private static final int TOPIC0 = 7;
    private static final int LOG_COUNT = 13;
    private static final FieldLayout RECEIPT = new FieldLayout("receipt",
            req("blockNumber", 0, INT64), req("blockHash", 1, HASH), req("transactionIndex", 3, INT64),
            req("transactionHash", 4, HASH), req("from", 5, ADDRESS), opt("to", 6, ADDRESS),
            opt("contractAddress", 7, ADDRESS), opt("status", 8, INT64), req("gasUsed", 9, INT64),
            req("cumulativeGasUsed", 10, INT64), opt("effectiveGasPrice", 11, DECIMAL), opt("type", 12, INT64),
            opt("blobGasUsed", 14, INT64), opt("blobGasPrice", 15, DECIMAL));
    private static final FieldLayout LOG = new FieldLayout("log",
            opt("logIndex", 5, INT64), req("address", 6, ADDRESS), req("data", 11, DATA));

    private ReceiptRowReader() {
    }

    /**
     * Reads the receipts array the parser is at (current token or the next one). Adds rows
     * to {@code receiptRows} and {@code logRows}, each when not null. Returns the number of receipts.
     */
    static int read(JsonParser p, BlockRowReader.Header block, List<Row> receiptRows, List<Row> logRows)
            throws IOException {
        if (p.currentToken() == null) {
            p.nextToken();
        }
        WireValues.expect(p, JsonToken.START_ARRAY, "receipts");
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            receipt(p, block, receiptRows, logRows);
            n++;
        }
        return n;
    }

    private static void receipt(JsonParser p, BlockRowReader.Header block, List<Row> receiptRows, List<Row> logRows)
            throws IOException {
        Object[] r = new Object[Dataset.RECEIPTS.columns().size()];
        List<Object[]> logs = logRows == null ? null : new ArrayList<>();
        RECEIPT.read(p, r, (name, parser) -> {
            if (!name.equals("logs")) {
                return false;
            }
            r[LOG_COUNT] = (long) logs(parser, logs);
            return true;
        });
        if (r[LOG_COUNT] == null) {
            throw WireValues.missing("receipt.logs");
        }
        if (r[12] == null) {
            r[12] = 0L; // a receipt without a type is legacy
        }
        r[2] = block.timestamp();
        if (receiptRows != null) {
            receiptRows.add(new Row(Arrays.asList(r)));
        }
        if (logRows != null) {
            for (Object[] l : logs) {
                l[0] = block.number();
                l[1] = block.hash();
                l[2] = r[2];
                l[3] = r[3];
                l[4] = r[4];
                logRows.add(new Row(Arrays.asList(l)));
            }
        }
    }

    /** Reads a receipt's logs array, with rows when {@code rows} is not null; returns how many logs it has. */
    private static int logs(JsonParser p, List<Object[]> rows) throws IOException {
        WireValues.expect(p, JsonToken.START_ARRAY, "receipt.logs");
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (rows == null) {
                WireValues.expect(p, JsonToken.START_OBJECT, "log");
                p.skipChildren();
            } else {
                Object[] l = new Object[Dataset.LOGS.columns().size()];
                boolean[] topics = {false};
                LOG.read(p, l, (name, parser) -> {
                    if (!name.equals("topics")) {
                        return false;
                    }
                    topics(parser, l);
                    topics[0] = true;
                    return true;
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
    private static void topics(JsonParser p, Object[] l) throws IOException {
        WireValues.expect(p, JsonToken.START_ARRAY, "log.topics");
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String topic = WireValues.hash(p, "log.topics[" + i + "]");
            if (i < MAX_TOPICS) {
                l[TOPIC0 + i] = topic;
            }
            i++;
        }
    }
}
