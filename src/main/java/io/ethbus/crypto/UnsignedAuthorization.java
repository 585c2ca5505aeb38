package io.ethbus.crypto;

import io.ethbus.eth.Authorization;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;

import java.math.BigInteger;

/**
 * An EIP-7702 authorization before signing: the authority (the account that signs it) lets its
 * code be set to a delegation to {@code address}, on chain {@code chainId} (0: any chain), while
 * its nonce is {@code nonce}. Signed, it becomes an {@link Authorization} of a
 * {@link SetCodeTransaction}'s list.
 *
 * <pre>Authorization auth = new UnsignedAuthorization(chainId, delegate, nonce).sign(account);</pre>
 */
public record UnsignedAuthorization(BigInteger chainId, Address address, BigInteger nonce) {
    /** The EIP-7702 prefix of the signed message, which keeps it apart from any transaction's. */
    public static final int MAGIC = 0x05;

    public UnsignedAuthorization {
        TransactionRlp.requireUint(chainId, "chainId", TransactionRlp.UINT256);
        if (address == null) {
            throw new InvalidTransactionException("'address' is required");
        }
        TransactionRlp.requireUint(nonce, "nonce", TransactionRlp.UINT64);
    }

    /** The authorization's tuple without its signature. */
    public static UnsignedAuthorization of(Authorization signed) {
        return new UnsignedAuthorization(signed.chainId(), signed.address(), signed.nonce());
    }

    /** The hash the authority signs: keccak256(0x05 || rlp([chainId, address, nonce])). */
    public Hash signingHash() {
        return new Hash(Keccak.keccak256(TransactionRlp.typed(MAGIC,
                RlpList.of(RlpString.of(chainId), RlpString.of(address.value()), RlpString.of(nonce)))));
    }

    /** Signs with the authority's key (RFC 6979, low-s). */
    public Authorization sign(Account authority) {
        Signature signature = authority.sign(signingHash());
        return new Authorization(chainId, address, nonce, signature.yParity(), signature.r(), signature.s());
    }

    /**
     * The account that signed {@code signed}. A signature the EIP-7702 rules skip (missing, a
     * yParity other than 0 or 1, r or s outside 1..n-1, s above n/2) is an
     * {@link InvalidSignatureException} naming the field.
     */
    public static Address recoverAuthority(Authorization signed) {
        if (signed.yParity() == null || signed.r() == null || signed.s() == null) {
            throw new InvalidSignatureException("the authorization is not signed (yParity, r or s missing)");
        }
        Signature signature = new Signature(signed.r(), signed.s(), signed.yParity());
        if (!signature.isLowS()) {
            throw new InvalidSignatureException("the authorization's 's' is above n/2 of secp256k1 (EIP-2)");
        }
        return Secp256k1.recoverAddress(of(signed).signingHash().value(), signature);
    }
}
