package io.ethbus.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ethbus.crawl.Column;
import io.ethbus.crawl.Dataset;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The web3j crawl's output: the rows ethbus crawl writes (same datasets, columns and JSON
 * lines) made from web3j's typed blocks and receipts and written with Jackson's streaming
 * generator, as an application on web3j would write them. One file per run and dataset.
 */
final class Web3jJsonlFiles {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path dir;

    Web3jJsonlFiles(Path dir) {
        this.dir = dir;
    }

    void write(BlockRun run, List<EthBlock.Block> blocks, List<List<TransactionReceipt>> receipts) throws IOException {
        String suffix = "__" + run.first() + "_to_" + run.last() + ".jsonl";
        try (Lines b = new Lines(dir.resolve("blocks" + suffix), Dataset.BLOCKS);
             Lines t = new Lines(dir.resolve("transactions" + suffix), Dataset.TRANSACTIONS);
             Lines r = new Lines(dir.resolve("receipts" + suffix), Dataset.RECEIPTS)) {
            for (int i = 0; i < blocks.size(); i++) {
                EthBlock.Block block = blocks.get(i);
                long time = block.getTimestamp().longValueExact();
                b.row(block.getNumber().longValueExact(), block.getHash(), block.getParentHash(), time, block.getMiner(),
                        block.getGasLimit().longValueExact(), block.getGasUsed().longValueExact(),
                        decimal(block.getBaseFeePerGasRaw()), decimal(block.getDifficultyRaw()), int64(block.getSizeRaw()),
                        (long) block.getTransactions().size(), block.getExtraData(), block.getStateRoot(),
                        block.getTransactionsRoot(), block.getReceiptsRoot(), int64(block.getBlobGasUsedRaw()),
                        int64(block.getExcessBlobGasRaw()));
                for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
                    Transaction tx = (Transaction) result.get();
                    t.row(tx.getBlockNumber().longValueExact(), tx.getBlockHash(), time, tx.getTransactionIndex().longValueExact(),
                            tx.getHash(), tx.getNonce().longValueExact(), tx.getFrom(), tx.getTo(), tx.getValue().toString(),
                            tx.getGas().longValueExact(), decimal(tx.getGasPriceRaw()), decimal(tx.getMaxFeePerGasRaw()),
                            decimal(tx.getMaxPriorityFeePerGasRaw()), decimal(tx.getMaxFeePerBlobGasRaw()), tx.getInput(),
                            tx.getType() == null ? 0L : int64(tx.getType()), tx.getChainId());
                }
                for (TransactionReceipt receipt : receipts.get(i)) {
                    r.row(receipt.getBlockNumber().longValueExact(), receipt.getBlockHash(), time,
                            receipt.getTransactionIndex().longValueExact(), receipt.getTransactionHash(), receipt.getFrom(),
                            receipt.getTo(), receipt.getContractAddress(), int64(receipt.getStatus()),
                            receipt.getGasUsed().longValueExact(), receipt.getCumulativeGasUsed().longValueExact(),
                            decimal(receipt.getEffectiveGasPrice()), receipt.getType() == null ? 0L : int64(receipt.getType()),
                            (long) receipt.getLogs().size(), int64(receipt.getBlobGasUsed()), decimal(receipt.getBlobGasPrice()));
                }
            }
        }
    }

    private static Long int64(String quantity) {
        return quantity == null ? null : Numeric.decodeQuantity(quantity).longValueExact();
    }

    private static String decimal(String quantity) {
        return quantity == null ? null : Numeric.decodeQuantity(quantity).toString();
    }

    /** One dataset's file: one JSON object per line, keys in column order. */
    private static final class Lines implements AutoCloseable {
        private final List<String> names;
        private final JsonGenerator json;

        Lines(Path file, Dataset dataset) throws IOException {
            this.names = dataset.columns().stream().map(Column::name).toList();
            this.json = JSON.createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), JsonEncoding.UTF8);
            this.json.setRootValueSeparator(null);
        }

        void row(Object... values) throws IOException {
            if (values.length != names.size()) {
                throw new IllegalStateException(values.length + " values for " + names.size() + " columns: " + Arrays.toString(values));
            }
            json.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                json.writeFieldName(names.get(i));
                Object v = values[i];
                if (v == null) {
                    json.writeNull();
                } else if (v instanceof Long l) {
                    json.writeNumber(l);
                } else if (v instanceof BigInteger big) {
                    json.writeNumber(big.longValueExact());
                } else {
                    json.writeString(v.toString());
                }
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }

        @Override
        public void close() throws IOException {
            json.close();
        }
    }
}
