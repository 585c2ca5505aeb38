package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.crypto.InvalidTransactionException;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.math.BigInteger;

/**
 * Fills a transaction's fees and picks its type. A {@code gasPrice} makes a legacy transaction
 * (EIP-2930 when an access list is given too); {@code maxFeePerGas}/{@code maxPriorityFeePerGas},
 * or neither kind on a chain with a base fee, make an EIP-1559 one; with an authorization list
 * (or type 4) it is an EIP-7702 one, with blobs (or type 3) an EIP-4844 one, both taking EIP-1559
 * fees, and a blob transaction a {@code maxFeePerBlobGas} too (twice the node's blob base fee
 * when not given, as viem does). Fees not given are asked of the node. Naming both kinds, or a
 * type the fees contradict, is a {@link ConflictingFeeFieldsException}.
 */
final class FeeFiller {
    private static final String SEND = RpcMethod.ETH_SEND_TRANSACTION.wireName();

    Future<FilledFees> fill(TransactionRequest tx, FillerCalls calls) {
        boolean blob = tx.blobs() != null;
        if (blob && tx.authorizationList() != null) {
            return Future.failedFuture(new InvalidTransactionException(
                    "a transaction carries blobs (type 3) or an authorizationList (type 4), not both"));
        }
        if (blob != (tx.type() != null && tx.type() == 3) && tx.type() != null) {
            return Future.failedFuture(new InvalidTransactionException(blob
                    ? "type " + tx.type() + " cannot carry blobs" : "type 3 needs blobs"));
        }
        if (!blob && tx.maxFeePerBlobGas() != null) {
            return Future.failedFuture(new InvalidTransactionException("maxFeePerBlobGas is given, but no blobs"));
        }
        Future<FilledFees> fees = executionFees(tx, blob, calls);
        if (!blob) {
            return fees;
        }
        Future<BigInteger> blobFee = tx.maxFeePerBlobGas() != null
                ? Future.succeededFuture(tx.maxFeePerBlobGas())
                // Twice the blob base fee, as for the base fee: room for a few blocks of rises.
                : calls.quantity(RpcMethod.ETH_BLOB_BASE_FEE).map(fee -> fee.shiftLeft(1));
        return Future.all(fees, blobFee).map(both -> fees.result().withMaxFeePerBlobGas(blobFee.result()));
    }

    private static Future<FilledFees> executionFees(TransactionRequest tx, boolean blob, FillerCalls calls) {
        boolean legacyFee = tx.gasPrice() != null;
        boolean dynamicFee = tx.maxFeePerGas() != null || tx.maxPriorityFeePerGas() != null;
        Integer type = tx.type();
        boolean setCode = tx.authorizationList() != null;
        if (setCode != (type != null && type == 4) && type != null) {
            return Future.failedFuture(new InvalidTransactionException(setCode
                    ? "type " + type + " cannot carry an authorizationList" : "type 4 needs an authorizationList"));
        }
        int dynamicType = setCode ? 4 : blob ? 3 : 2;
        if (legacyFee && dynamicFee) {
            return Future.failedFuture(new ConflictingFeeFieldsException(SEND,
                    "gasPrice cannot be combined with maxFeePerGas/maxPriorityFeePerGas"));
        }
        if (type != null && (type < 0 || type > 4)) {
            return Future.failedFuture(new InvalidTransactionException("cannot sign transaction type " + type + " locally"));
        }
        if ((legacyFee && (setCode || blob || type != null && type == 2)) || (dynamicFee && type != null && type < 2)) {
            return Future.failedFuture(new ConflictingFeeFieldsException(SEND,
                    "type " + type + " contradicts the fee fields given"));
        }
        int legacyType = (type != null && type == 1) || tx.accessList() != null ? 1 : 0;
        if (legacyFee) {
            return Future.succeededFuture(FilledFees.legacy(legacyType, tx.gasPrice()));
        }
        if (type != null && type < 2) {
            return calls.quantity(RpcMethod.ETH_GAS_PRICE).map(price -> FilledFees.legacy(legacyType, price));
        }
        if (dynamicFee && tx.maxFeePerGas() != null && tx.maxPriorityFeePerGas() != null) {
            return Future.succeededFuture(FilledFees.dynamic(dynamicType, tx.maxFeePerGas(), tx.maxPriorityFeePerGas()));
        }
        return calls.json(RpcMethod.ETH_GET_BLOCK_BY_NUMBER, "latest", false).compose(block -> {
            JsonNode baseFeeNode = block == null ? null : block.get("baseFeePerGas");
            if (baseFeeNode == null || baseFeeNode.isNull()) {
                if (dynamicFee || setCode || blob || (type != null && type == 2)) {
                    return Future.failedFuture(new ConflictingFeeFieldsException(SEND,
                            "EIP-1559 fees asked for, but the chain has no base fee"));
                }
                return calls.quantity(RpcMethod.ETH_GAS_PRICE).map(price -> FilledFees.legacy(legacyType, price));
            }
            return dynamicFees(dynamicType, tx, Hex.toBigInteger(baseFeeNode.asText()), calls);
        });
    }

    private static Future<FilledFees> dynamicFees(int type, TransactionRequest tx, BigInteger baseFee, FillerCalls calls) {
        Future<BigInteger> priority = tx.maxPriorityFeePerGas() != null
                ? Future.succeededFuture(tx.maxPriorityFeePerGas())
                : calls.quantity(RpcMethod.ETH_MAX_PRIORITY_FEE_PER_GAS);
        return priority.map(tip -> {
            if (tx.maxFeePerGas() != null) {
                return FilledFees.dynamic(type, tx.maxFeePerGas(), tip.min(tx.maxFeePerGas()));
            }
            // Twice the base fee: stays includable through six full blocks of base-fee rises.
            return FilledFees.dynamic(type, baseFee.shiftLeft(1).add(tip), tip);
        });
    }
}
