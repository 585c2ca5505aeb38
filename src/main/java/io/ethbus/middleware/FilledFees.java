package io.ethbus.middleware;

import java.math.BigInteger;

/**
 * The fee fields to sign a transaction with, and the transaction type they imply: type 0 or 1
 * with a {@code gasPrice}, type 2 (or 4, EIP-7702) with {@code maxFeePerGas} and
 * {@code maxPriorityFeePerGas}, type 3 (EIP-4844) with those and {@code maxFeePerBlobGas}.
 */
record FilledFees(int type, BigInteger gasPrice, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas,
                  BigInteger maxFeePerBlobGas) {
    static FilledFees legacy(int type, BigInteger gasPrice) {
        return new FilledFees(type, gasPrice, null, null, null);
    }

    static FilledFees dynamic(int type, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
        return new FilledFees(type, null, maxFeePerGas, maxPriorityFeePerGas, null);
    }

    FilledFees withMaxFeePerBlobGas(BigInteger fee) {
        return new FilledFees(type, gasPrice, maxFeePerGas, maxPriorityFeePerGas, fee);
    }
}
