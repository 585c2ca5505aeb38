package io.ethbus.crawl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ethbus.crawl.BlockRowReader.require;
import static io.ethbus.crawl.WireValues.address;
import static io.ethbus.crawl.WireValues.data;
import static io.ethbus.crawl.WireValues.decimal;
import static io.ethbus.crawl.WireValues.expect;
import static io.ethbus.crawl.WireValues.hash;
import static io.ethbus.crawl.WireValues.int64;

/**
 * Reads a block's receipts (an eth_getBlockReceipts answer, or the eth_getTransactionReceipt
 * answers gathered into an array) from a streaming parser into {@link Dataset#RECEIPTS} and
 * {@link Dataset#LOGS} rows. Block number, hash and time of log rows come from the block.
 */
final class ReceiptRowReader {
    private static final int MAX_TOPICS = 4;

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
        expect(p, JsonToken.START_ARRAY, "receipts");
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw WireValues.malformed("receipts[" + n + "] is " + t);
            }
            receipt(p, block, receiptRows, logRows);
            n++;
        }
        return n;
    }

    private static void receipt(JsonParser p, BlockRowReader.Header block, List<Row> receiptRows, List<Row> logRows)
            throws IOException {
        Object[] r = new Object[Dataset.RECEIPTS.columns().size()];
        r[12] = 0L; // a receipt without a type is legacy
        List<Object[]> logs = logRows == null ? null : new ArrayList<>();
        int logCount = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "blockNumber" -> r[0] = int64(p, "receipt.blockNumber");
                case "blockHash" -> r[1] = hash(p, "receipt.blockHash");
                case "transactionIndex" -> r[3] = int64(p, "receipt.transactionIndex");
                case "transactionHash" -> r[4] = hash(p, "receipt.transactionHash");
                case "from" -> r[5] = address(p, "receipt.from");
                case "to" -> r[6] = address(p, "receipt.to");
                case "contractAddress" -> r[7] = address(p, "receipt.contractAddress");
                case "status" -> r[8] = int64(p, "receipt.status");
                case "gasUsed" -> r[9] = int64(p, "receipt.gasUsed");
                case "cumulativeGasUsed" -> r[10] = int64(p, "receipt.cumulativeGasUsed");
                case "effectiveGasPrice" -> r[11] = decimal(p, "receipt.effectiveGasPrice");
                case "type" -> r[12] = int64(p, "receipt.type");
                case "blobGasUsed" -> r[14] = int64(p, "receipt.blobGasUsed");
                case "blobGasPrice" -> r[15] = decimal(p, "receipt.blobGasPrice");
                case "logs" -> logCount = logs(p, logs);
                default -> p.skipChildren();
            }
        }
        require(r, 0, "receipt.blockNumber");
        require(r, 1, "receipt.blockHash");
        require(r, 3, "receipt.transactionIndex");
        require(r, 4, "receipt.transactionHash");
        require(r, 5, "receipt.from");
        require(r, 9, "receipt.gasUsed");
        require(r, 10, "receipt.cumulativeGasUsed");
        if (logCount < 0) {
            throw WireValues.missing("receipt.logs");
        }
        r[2] = block.timestamp();
        r[13] = (long) logCount;
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
        expect(p, JsonToken.START_ARRAY, "receipt.logs");
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw WireValues.malformed("receipt.logs[" + n + "] is " + t);
            }
            if (rows == null) {
                p.skipChildren();
            } else {
                rows.add(log(p));
            }
            n++;
        }
        return n;
    }

    private static Object[] log(JsonParser p) throws IOException {
        Object[] l = new Object[Dataset.LOGS.columns().size()];
        boolean topics = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "logIndex" -> l[5] = int64(p, "log.logIndex");
                case "address" -> l[6] = address(p, "log.address");
                case "data" -> l[11] = data(p, "log.data");
                case "topics" -> {
                    topics(p, l);
                    topics = true;
                }
                default -> p.skipChildren();
            }
        }
        require(l, 6, "log.address");
        require(l, 11, "log.data");
        if (!topics) {
            throw WireValues.missing("log.topics");
        }
        return l;
    }

    /** The first four topics go to topic0..topic3; the EVM emits no more, others are checked and left out. */
    private static void topics(JsonParser p, Object[] l) throws IOException {
        expect(p, JsonToken.START_ARRAY, "log.topics");
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String topic = hash(p, "log.topics[" + i + "]");
            if (i < MAX_TOPICS) {
                l[7 + i] = topic;
            }
            i++;
        }
    }
}
