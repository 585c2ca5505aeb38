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
 * Reads one eth_getBlockByNumber answer from a {@link JsonCursor} into its {@link Dataset#BLOCKS}
 * row and, when the transactions are full objects, its {@link Dataset#TRANSACTIONS} rows.
 * Column numbers are positions in the datasets' column lists. Fields every mined block has
 * are required, and each full transaction must carry the block's number and hash and its own
 * position: anything else is a malformed answer, in the same pass over the text.
 */
final class BlockRowReader {
    private static final int TRANSACTION_COUNT = 10;
    private static final int EXTRA_DATA = 11;
    private static final FieldLayout BLOCK = new FieldLayout("block", List.of("transactions", "proofOfAuthorityData"),
            req("number", 0, INT64), req("hash", 1, HASH), req("parentHash", 2, HASH), req("timestamp", 3, INT64),
            req("miner", 4, ADDRESS), req("gasLimit", 5, INT64), req("gasUsed", 6, INT64),
            opt("baseFeePerGas", 7, DECIMAL), opt("difficulty", 8, DECIMAL), req("size", 9, INT64),
            opt("extraData", EXTRA_DATA, DATA), req("stateRoot", 12, HASH), req("transactionsRoot", 13, HASH),
            req("receiptsRoot", 14, HASH), opt("blobGasUsed", 15, INT64), opt("excessBlobGas", 16, INT64));
    /** Block number and hash are read into their columns to be compared with the block's. */
    /** What links a block into the chain; the rest of the object is skipped. */
    private static final FieldLayout LINK = new FieldLayout("block", List.of(),
            req("number", 0, INT64), req("hash", 1, HASH), req("parentHash", 2, HASH));
    private static final FieldLayout TRANSACTION = new FieldLayout("transaction", List.of(),
            req("blockNumber", 0, INT64), req("blockHash", 1, TEXT),
            req("transactionIndex", 3, INT64), req("hash", 4, HASH), req("nonce", 5, INT64), req("from", 6, ADDRESS),
            opt("to", 7, ADDRESS), req("value", 8, DECIMAL), req("gas", 9, INT64), opt("gasPrice", 10, DECIMAL),
            opt("maxFeePerGas", 11, DECIMAL), opt("maxPriorityFeePerGas", 12, DECIMAL),
            opt("maxFeePerBlobGas", 13, DECIMAL), req("input", 14, DATA), opt("type", 15, INT64),
            opt("chainId", 16, INT64));

    private BlockRowReader() {
    }

    /**
     * The block fields that rows of other datasets repeat or are matched against: its receipts
     * must carry its number and hash, and the hashes of its transactions in this order.
     */
    record Header(long number, String hash, String parentHash, long timestamp, List<String> transactionHashes) {
        int transactionCount() {
            return transactionHashes.size();
        }
    }

    /** Where a block sits in the chain: enough to check that it links to its neighbours. */
    record Link(long number, String hash, String parentHash) {
    }

    /** Reads the number, hash and parent hash of the block object that comes next, skipping the rest. */
    static Link link(JsonCursor c) {
        Object[] l = new Object[3];
        LINK.read(c, l, null);
        return new Link((Long) l[0], (String) l[1], (String) l[2]);
    }

    /**
     * Reads the block object that comes next. Adds the block row to {@code blockRows} and
     * transaction rows to {@code transactionRows}, each when not null.
     */
    static Header read(JsonCursor c, List<Row> blockRows, List<Row> transactionRows) {
        Object[] b = new Object[Dataset.BLOCKS.columns().size()];
        List<Object[]> txs = transactionRows == null ? null : new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        boolean[] proofOfAuthority = {false};
        BLOCK.read(c, b, (name, cursor) -> {
            if (name.equals("transactions")) {
                b[TRANSACTION_COUNT] = (long) transactions(cursor, txs, hashes);
            } else {
                // PoA chains (via the ExtraDataToPOA layer) move extraData here; the column stays null then
                WireValues.data(cursor, "block.proofOfAuthorityData");
                proofOfAuthority[0] = true;
            }
        });
        if (b[EXTRA_DATA] == null && !proofOfAuthority[0]) {
            throw WireValues.missing("block.extraData");
        }
        if (b[TRANSACTION_COUNT] == null) {
            throw WireValues.missing("block.transactions"); // not an empty block: a block without its list
        }
        Header header = new Header((Long) b[0], (String) b[1], (String) b[2], (Long) b[3], hashes);
        if (blockRows != null) {
            blockRows.add(new Row(Arrays.asList(b)));
        }
        if (transactionRows != null) {
            // the block's own fields may come after its transactions in the text: matched once all is read
            for (int i = 0; i < txs.size(); i++) {
                Object[] t = txs.get(i);
                WireValues.expect("transactions", i, "blockNumber", header.number(), t[0]);
                WireValues.expect("transactions", i, "blockHash", header.hash(), t[1]);
                WireValues.expect("transactions", i, "transactionIndex", (long) i, t[3]);
                t[1] = header.hash();
                t[2] = b[3];
                transactionRows.add(new Row(Arrays.asList(t)));
            }
        }
        return header;
    }

    /**
     * Reads the transactions array: hashes or objects; rows for objects when {@code rows} is
     * not null. Adds each transaction's hash to {@code hashes}.
     */
    private static int transactions(JsonCursor c, List<Object[]> rows, List<String> hashes) {
        WireValues.open(c, true, "block.transactions");
        int n = 0;
        for (boolean first = true; c.nextElement(first); first = false) {
            int t = c.peek();
            if (t == '{') {
                // read in full even without transaction rows: receipts are matched against the hashes
                Object[] row = new Object[Dataset.TRANSACTIONS.columns().size()];
                TRANSACTION.read(c, row, null);
                if (row[15] == null) {
                    row[15] = 0L; // a transaction without a type is legacy
                }
                hashes.add((String) row[4]);
                if (rows != null) {
                    rows.add(row);
                }
            } else if (t == '"') {
                hashes.add(WireValues.hash(c, "block.transactions[" + n + "]"));
            } else {
                throw WireValues.malformed("block.transactions[" + n + "] is " + JsonCursor.kind(t));
            }
            n++;
        }
        return n;
    }
}
