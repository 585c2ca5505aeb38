package io.ethbus.crypto;

/**
 * A blob, its commitment or proof, or a versioned hash is not what EIP-4844 allows: a blob of the
 * wrong size or with a field element at or above the BLS12-381 modulus, lists of different
 * lengths, a versioned hash that is not its commitment's, or data too large for the blobs of one
 * transaction.
 */
public class InvalidBlobException extends InvalidTransactionException {
    public InvalidBlobException(String message) {
        super(message);
    }

    public InvalidBlobException(String message, Throwable cause) {
        super(message, cause);
    }
}
