package io.ethbus.wallet;

import io.ethbus.rpc.EthbusException;

/**
 * BIP-32 gives no key for this seed or child index (the HMAC's left half is not below the curve
 * order, or the key sums to zero; odds about 1 in 2^127). The caller should use the next index.
 */
public class InvalidChildKeyException extends EthbusException {
    public InvalidChildKeyException(String message) {
        super(null, null, message);
    }
}
