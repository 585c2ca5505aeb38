package io.ethbus.crawl;

import io.ethbus.primitives.Address;
import io.ethbus.eth.Block;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.Log;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.Transaction;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows a crawl must write for a block, built from ethbus's typed decoding of the same
 * answers ({@link Block}, {@link Receipt}): an oracle that shares no code with the crawl's
 * streaming readers.
 */
final class TypedRows {
    private TypedRows() {
    }

    static List<List<Object>> of(Dataset dataset, Block b, List<Receipt> receipts) {
        List<List<Object>> rows = new ArrayList<>();
        if (dataset.equals(Dataset.BLOCKS)) {
            rows.add(row(b.number(), hex(b.hash()), hex(b.parentHash()), b.timestamp(), hex(b.miner()),
                    int64(b.gasLimit()), int64(b.gasUsed()), decimal(b.baseFeePerGas()), decimal(b.difficulty()),
                    b.size(), (long) b.transactionHashes().size(), hex(b.extraData()), hex(b.stateRoot()),
                    hex(b.transactionsRoot()), hex(b.receiptsRoot()), int64(b.blobGasUsed()), int64(b.excessBlobGas())));
        } else if (dataset.equals(Dataset.TRANSACTIONS)) {
            for (Transaction t : b.transactions()) {
                rows.add(row(b.number(), hex(b.hash()), b.timestamp(), t.transactionIndex(), hex(t.hash()),
                        int64(t.nonce()), hex(t.from()), hex(t.to()), decimal(t.value()), int64(t.gas()),
                        decimal(t.gasPrice()), decimal(t.maxFeePerGas()), decimal(t.maxPriorityFeePerGas()),
                        decimal(t.maxFeePerBlobGas()), hex(t.input()), (long) t.type(), int64(t.chainId())));
            }
        } else if (dataset.equals(Dataset.RECEIPTS)) {
            for (Receipt r : receipts) {
                rows.add(row(r.blockNumber(), hex(r.blockHash()), b.timestamp(), r.transactionIndex(),
                        hex(r.transactionHash()), hex(r.from()), hex(r.to()), hex(r.contractAddress()),
                        r.status() == null ? null : (long) r.status(), int64(r.gasUsed()),
                        int64(r.cumulativeGasUsed()), decimal(r.effectiveGasPrice()), (long) r.type(),
                        (long) r.logs().size(), int64(r.blobGasUsed()), decimal(r.blobGasPrice())));
            }
        } else if (dataset.equals(Dataset.LOGS)) {
            for (Receipt r : receipts) {
                for (Log l : r.logs()) {
                    List<Hash> t = l.topics();
                    rows.add(row(b.number(), hex(b.hash()), b.timestamp(), r.transactionIndex(),
                            hex(r.transactionHash()), l.logIndex(), hex(l.address()),
                            topic(t, 0), topic(t, 1), topic(t, 2), topic(t, 3), hex(l.data())));
                }
            }
        }
        return rows;
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static String hex(Hash h) {
        return h == null ? null : h.toHex();
    }

    private static String hex(Address a) {
        return a == null ? null : a.toHex();
    }

    private static String hex(Bytes b) {
        return b == null ? null : b.toHex();
    }

    private static String decimal(BigInteger v) {
        return v == null ? null : v.toString();
    }

    private static Long int64(BigInteger v) {
        return v == null ? null : v.longValueExact();
    }

    private static String topic(List<Hash> topics, int i) {
        return i < topics.size() ? topics.get(i).toHex() : null;
    }
}
