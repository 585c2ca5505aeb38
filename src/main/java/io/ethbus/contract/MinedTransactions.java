package io.ethbus.contract;

import io.ethbus.abi.Revert;
import io.ethbus.client.EthClient;
import io.ethbus.client.ReceiptWaiter;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.RpcError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * Sends a transaction through the client (its onion fills and signs), waits for the receipt,
 * and turns a receipt with status 0 into a {@link ContractRevertException}: the transaction is
 * replayed as an eth_call at its block to learn the revert data, as web3.py and ethers do.
 */
final class MinedTransactions {
    private final EthClient client;
    private final ReceiptWaiter waiter;
    private final RevertClassifier reverts;
    private final Duration timeout;

    MinedTransactions(Vertx vertx, EthClient client, RevertClassifier reverts, Duration timeout) {
        this.client = client;
        this.waiter = new ReceiptWaiter(vertx, client.eth());
        this.reverts = reverts;
        this.timeout = timeout;
    }

    /** The receipt of {@code tx} once mined with status 1; a revert fails classified. */
    Future<Receipt> sendAndWait(TransactionRequest tx) {
        return client.eth().sendTransaction(tx)
                .recover(e -> Future.failedFuture(reverts.classify(e)))
                .compose(hash -> waiter.waitForReceipt(hash, timeout))
                .compose(receipt -> receipt.status() != null && receipt.status() == 0 ? replay(tx, receipt) : Future.succeededFuture(receipt));
    }

    private Future<Receipt> replay(TransactionRequest tx, Receipt receipt) {
        // without the gas limit: a transaction that ran out of gas would otherwise replay as out of gas, not as its reason
        TransactionRequest call = TransactionRequest.builder().from(receipt.from()).to(tx.to()).value(tx.value()).input(tx.input()).build();
        return client.eth().call(call, BlockId.number(receipt.blockNumber())).transform(ar -> {
            if (ar.failed()) {
                return Future.failedFuture(reverts.classify(ar.cause()));
            }
            String why = "transaction " + receipt.transactionHash() + " failed (status 0) in block " + receipt.blockNumber()
                    + " using " + receipt.gasUsed() + " gas; replayed as eth_call it did not revert (out of gas?)";
            return Future.failedFuture(new ContractRevertException("eth_sendTransaction", null, new RpcError(3, why),
                    new Revert.Unknown(Bytes.EMPTY)));
        });
    }
}
