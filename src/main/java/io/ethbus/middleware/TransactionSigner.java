package io.ethbus.middleware;

import io.ethbus.crypto.AccessListTransaction;
import io.ethbus.crypto.Account;
import io.ethbus.crypto.BlobSidecar;
import io.ethbus.crypto.BlobTransaction;
import io.ethbus.crypto.DynamicFeeTransaction;
import io.ethbus.crypto.LegacyTransaction;
import io.ethbus.crypto.SetCodeTransaction;
import io.ethbus.crypto.UnsignedTransaction;
import io.ethbus.eth.AccessListItem;
import io.ethbus.primitives.Bytes;
import io.ethbus.eth.TransactionRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.util.List;

/**
 * Builds the transaction of the type the fees picked from a filled request, and signs it with
 * an account's key, on a worker thread: signing is CPU work (~0.1 ms), the KZG commitments and
 * proofs of a blob transaction far more (tens of ms per blob), and a burst of sends must not
 * stall the event loop.
 */
final class TransactionSigner {
    private final Vertx vertx;

    TransactionSigner(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The signed transaction's raw bytes, as eth_sendRawTransaction takes them. */
    Future<Bytes> sign(Account account, TransactionRequest tx, BigInteger chainId, BigInteger nonce, BigInteger gas,
                       FilledFees fees) {
        return vertx.executeBlocking(() -> build(tx, chainId, nonce, gas, fees).sign(account).raw(), false);
    }

    private static UnsignedTransaction build(TransactionRequest tx, BigInteger chainId, BigInteger nonce, BigInteger gas,
                                             FilledFees fees) {
        BigInteger value = tx.value() == null ? BigInteger.ZERO : tx.value();
        List<AccessListItem> accessList = tx.accessList() == null ? List.of() : tx.accessList();
        return switch (fees.type()) {
            case 0 -> new LegacyTransaction(nonce, fees.gasPrice(), gas, tx.to(), value, tx.input(), chainId);
            case 1 -> new AccessListTransaction(chainId, nonce, fees.gasPrice(), gas, tx.to(), value, tx.input(), accessList);
            case 3 -> new BlobTransaction(chainId, nonce, fees.maxPriorityFeePerGas(), fees.maxFeePerGas(), gas, tx.to(),
                    value, tx.input(), accessList, fees.maxFeePerBlobGas(), BlobSidecar.of(tx.blobs()));
            case 4 -> new SetCodeTransaction(chainId, nonce, fees.maxPriorityFeePerGas(), fees.maxFeePerGas(), gas,
                    tx.to(), value, tx.input(), accessList, tx.authorizationList());
            default -> new DynamicFeeTransaction(chainId, nonce, fees.maxPriorityFeePerGas(), fees.maxFeePerGas(), gas,
                    tx.to(), value, tx.input(), accessList);
        };
    }
}
