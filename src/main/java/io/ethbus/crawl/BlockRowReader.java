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
import static io.ethbus.crawl.FieldLayout.opt;
import static io.ethbus.crawl.FieldLayout.req;

/**
 * Reads one eth_getBlockByNumber answer from a {@link JsonCursor} into its {@link Dataset#BLOCKS}
 * row and, when the transactions are full objects, its {@link Dataset#TRANSACTIONS} rows.
 * Column numbers are positions in the datasets' column lists.
 */
final class BlockRowReader {
    private static final int TRANSACTION_COUNT = 10;
    private static final int EXTRA_DATA = 11;
    private static final FieldLayout BLOCK = new FieldLayout("block", List.of("transactions", "proofOfAuthorityData"),
            opt("number", 0, INT64), opt("hash", 1, HASH), req("parentHash", 2, HASH), req("timestamp", 3, INT64),
            opt("miner", 4, ADDRESS), req("gasLimit", 5, INT64), req("gasUsed", 6, INT64),
            opt("baseFeePerGas", 7, DECIMAL), opt("difficulty", 8, DECIMAL), opt("size", 9, INT64),
            opt("extraData", EXTRA_DATA, DATA), req("stateRoot", 12, HASH), req("transactionsRoot", 13, HASH),
            req("receiptsRoot", 14, HASH), opt("blobGasUsed", 15, INT64), opt("excessBlobGas", 16, INT64));
    private static final FieldLayout TRANSACTION = new FieldLayout("transaction", List.of(),
            opt("transactionIndex", 3, INT64), req("hash", 4, HASH), req("nonce", 5, INT64), req("from", 6, ADDRESS),
            opt("to", 7, ADDRESS), req("value", 8, DECIMAL), req("gas", 9, INT64), opt("gasPrice", 10, DECIMAL),
            opt("maxFeePerGas", 11, DECIMAL), opt("maxPriorityFeePerGas", 12, DECIMAL),
            opt("maxFeePerBlobGas", 13, DECIMAL), req("input", 14, DATA), opt("type", 15, INT64),
            opt("chainId", 16, INT64));

    private BlockRowReader() {
    }

    /** The block fields that rows of other datasets repeat, and how many transactions the block has. */
    record Header(Long number, String hash, String parentHash, long timestamp, int transactionCount) {
    }

    /**
     * Reads the block object that comes next. Adds the block row to {@code blockRows} and
     * transaction rows to {@code transactionRows}, each when not null.
     */
    static Header read(JsonCursor c, List<Row> blockRows, List<Row> transactionRows) {
        Object[] b = new Object[Dataset.BLOCKS.columns().size()];
        List<Object[]> txs = transactionRows == null ? null : new ArrayList<>();
        boolean[] proofOfAuthority = {false};
        b[TRANSACTION_COUNT] = 0L;
        BLOCK.read(c, b, (name, cursor) -> {
            if (name.equals("transactions")) {
                b[TRANSACTION_COUNT] = (long) transactions(cursor, txs);
            } else {
                // PoA chains (via the ExtraDataToPOA layer) move extraData here; the column stays null then
                WireValues.data(cursor, "block.proofOfAuthorityData");
                proofOfAuthority[0] = true;
            }
        });
        if (b[EXTRA_DATA] == null && !proofOfAuthority[0]) {
            throw WireValues.missing("block.extraData");
        }
        long count = (Long) b[TRANSACTION_COUNT];
        Header header = new Header((Long) b[0], (String) b[1], (String) b[2], (Long) b[3], (int) count);
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
    private static int transactions(JsonCursor c, List<Object[]> rows) {
        WireValues.open(c, true, "block.transactions");
        int n = 0;
        for (boolean first = true; c.nextElement(first); first = false) {
            int t = c.peek();
            if (t == '{') {
                if (rows != null) {
                    Object[] row = new Object[Dataset.TRANSACTIONS.columns().size()];
                    TRANSACTION.read(c, row, null);
                    if (row[15] == null) {
                        row[15] = 0L; // a transaction without a type is legacy
                    }
                    rows.add(row);
                } else {
                    c.skipValue();
                }
            } else if (t == '"') {
                WireValues.hash(c, "block.transactions[" + n + "]");
            } else {
                throw WireValues.malformed("block.transactions[" + n + "] is " + JsonCursor.kind(t));
            }
            n++;
        }
        return n;
    }
}
