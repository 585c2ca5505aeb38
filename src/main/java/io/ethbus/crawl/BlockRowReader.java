package io.ethbus.crawl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ethbus.crawl.WireValues.address;
import static io.ethbus.crawl.WireValues.data;
import static io.ethbus.crawl.WireValues.decimal;
import static io.ethbus.crawl.WireValues.expect;
import static io.ethbus.crawl.WireValues.hash;
import static io.ethbus.crawl.WireValues.int64;
import static io.ethbus.crawl.WireValues.missing;

/**
 * Reads one eth_getBlockByNumber answer from a streaming parser into its {@link Dataset#BLOCKS}
 * row and, when the transactions are full objects, its {@link Dataset#TRANSACTIONS} rows.
 * Fields are taken in whatever order the node sends them; values go into the row positions
 * of the datasets' columns.
 */
final class BlockRowReader {
    private BlockRowReader() {
    }

    /** The block fields that rows of other datasets repeat, and how many transactions the block has. */
    record Header(Long number, String hash, long timestamp, int transactionCount) {
    }

    /**
     * Reads the block object the parser is at (its START_OBJECT is the current token or the
     * next one). Adds the block row to {@code blockRows} and transaction rows to
     * {@code transactionRows}, each when not null.
     */
    static Header read(JsonParser p, List<Row> blockRows, List<Row> transactionRows) throws IOException {
        if (p.currentToken() == null) {
            p.nextToken();
        }
        expect(p, JsonToken.START_OBJECT, "block");
        Object[] b = new Object[Dataset.BLOCKS.columns().size()];
        List<Object[]> txs = transactionRows == null ? null : new ArrayList<>();
        int txCount = 0;
        boolean extraData = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue; // absent and null alike
            }
            switch (name) {
                case "number" -> b[0] = int64(p, "block.number");
                case "hash" -> b[1] = hash(p, "block.hash");
                case "parentHash" -> b[2] = hash(p, "block.parentHash");
                case "timestamp" -> b[3] = int64(p, "block.timestamp");
                case "miner" -> b[4] = address(p, "block.miner");
                case "gasLimit" -> b[5] = int64(p, "block.gasLimit");
                case "gasUsed" -> b[6] = int64(p, "block.gasUsed");
                case "baseFeePerGas" -> b[7] = decimal(p, "block.baseFeePerGas");
                case "difficulty" -> b[8] = decimal(p, "block.difficulty");
                case "size" -> b[9] = int64(p, "block.size");
                case "extraData" -> {
                    b[11] = data(p, "block.extraData");
                    extraData = true;
                }
                // PoA chains (via the ExtraDataToPOA layer) move extraData here
                case "proofOfAuthorityData" -> {
                    data(p, "block.proofOfAuthorityData");
                    extraData = true;
                }
                case "stateRoot" -> b[12] = hash(p, "block.stateRoot");
                case "transactionsRoot" -> b[13] = hash(p, "block.transactionsRoot");
                case "receiptsRoot" -> b[14] = hash(p, "block.receiptsRoot");
                case "blobGasUsed" -> b[15] = int64(p, "block.blobGasUsed");
                case "excessBlobGas" -> b[16] = int64(p, "block.excessBlobGas");
                case "transactions" -> txCount = transactions(p, txs);
                default -> p.skipChildren();
            }
        }
        require(b, 2, "block.parentHash");
        require(b, 3, "block.timestamp");
        require(b, 5, "block.gasLimit");
        require(b, 6, "block.gasUsed");
        require(b, 12, "block.stateRoot");
        require(b, 13, "block.transactionsRoot");
        require(b, 14, "block.receiptsRoot");
        if (!extraData) {
            throw missing("block.extraData");
        }
        b[10] = (long) txCount;
        Header header = new Header((Long) b[0], (String) b[1], (Long) b[3], txCount);
        if (blockRows != null) {
            blockRows.add(new Row(Arrays.asList(b)));
        }
        if (transactionRows != null) {
            for (Object[] t : txs) {
                t[0] = header.number();
                t[1] = header.hash();
                t[2] = b[3];
                transactionRows.add(new Row(Arrays.asList(t)));
            }
        }
        return header;
    }

    /** Reads the transactions array: hashes or objects; rows for objects when {@code rows} is not null. */
    private static int transactions(JsonParser p, List<Object[]> rows) throws IOException {
        expect(p, JsonToken.START_ARRAY, "block.transactions");
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                if (rows != null) {
                    rows.add(transaction(p));
                } else {
                    p.skipChildren();
                }
            } else if (t == JsonToken.VALUE_STRING) {
                hash(p, "block.transactions[" + n + "]");
            } else {
                throw WireValues.malformed("block.transactions[" + n + "] is " + t);
            }
            n++;
        }
        return n;
    }

    private static Object[] transaction(JsonParser p) throws IOException {
        Object[] t = new Object[Dataset.TRANSACTIONS.columns().size()];
        t[15] = 0L; // a transaction without a type is legacy
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "transactionIndex" -> t[3] = int64(p, "transaction.transactionIndex");
                case "hash" -> t[4] = hash(p, "transaction.hash");
                case "nonce" -> t[5] = int64(p, "transaction.nonce");
                case "from" -> t[6] = address(p, "transaction.from");
                case "to" -> t[7] = address(p, "transaction.to");
                case "value" -> t[8] = decimal(p, "transaction.value");
                case "gas" -> t[9] = int64(p, "transaction.gas");
                case "gasPrice" -> t[10] = decimal(p, "transaction.gasPrice");
                case "maxFeePerGas" -> t[11] = decimal(p, "transaction.maxFeePerGas");
                case "maxPriorityFeePerGas" -> t[12] = decimal(p, "transaction.maxPriorityFeePerGas");
                case "maxFeePerBlobGas" -> t[13] = decimal(p, "transaction.maxFeePerBlobGas");
                case "input" -> t[14] = data(p, "transaction.input");
                case "type" -> t[15] = int64(p, "transaction.type");
                case "chainId" -> t[16] = int64(p, "transaction.chainId");
                default -> p.skipChildren();
            }
        }
        require(t, 4, "transaction.hash");
        require(t, 5, "transaction.nonce");
        require(t, 6, "transaction.from");
        require(t, 8, "transaction.value");
        require(t, 9, "transaction.gas");
        require(t, 14, "transaction.input");
        return t;
    }

    static void require(Object[] row, int index, String path) {
        if (row[index] == null) {
            throw missing(path);
        }
    }
}
