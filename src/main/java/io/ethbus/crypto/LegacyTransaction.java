package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.math.BigInteger;
import java.util.List;

/**
 * A type-0 transaction. With a {@code chainId} it is signed per EIP-155 (replay-protected,
 * v = 35 + 2·chainId + yParity); with a null chainId it is the pre-EIP-155 form (v = 27 + yParity).
 *
 * @param to    the recipient, or null to create a contract
 * @param data  call data or init code; null means empty
 */
public record LegacyTransaction(BigInteger nonce, BigInteger gasPrice, BigInteger gas, Address to, BigInteger value,
                                Bytes data, BigInteger chainId) implements UnsignedTransaction {
    private static final BigInteger EIP155_OFFSET = BigInteger.valueOf(35);
    private static final BigInteger PRE_EIP155_OFFSET = BigInteger.valueOf(27);

    public LegacyTransaction {
        TransactionRlp.requireUint(nonce, "nonce", TransactionRlp.UINT64);
        TransactionRlp.requireUint(gasPrice, "gasPrice", TransactionRlp.UINT256);
        TransactionRlp.requireUint(gas, "gas", TransactionRlp.UINT64);
        TransactionRlp.requireUint(value, "value", TransactionRlp.UINT256);
        data = data == null ? Bytes.EMPTY : data;
        if (chainId != null && chainId.signum() <= 0) {
            throw new InvalidTransactionException("'chainId' must be positive");
        }
        if (chainId != null && EIP155_OFFSET.add(chainId.shiftLeft(1)).add(BigInteger.ONE).bitLength() > TransactionRlp.UINT256) {
            throw new InvalidTransactionException("'chainId' is too large for an EIP-155 v of 256 bits");
        }
    }

    @Override
    public int type() {
        return 0;
    }

    @Override
    public Hash signingHash() {
        List<RlpItem> fields = fields();
        if (chainId != null) {
            fields = new java.util.ArrayList<>(fields);
            fields.add(RlpString.of(chainId));
            fields.add(RlpString.EMPTY);
            fields.add(RlpString.EMPTY);
        }
        return new Hash(Keccak.keccak256(Rlp.encode(new RlpList(fields))));
    }

    @Override
    public Bytes encode(Signature signature) {
        return Bytes.wrap(Rlp.encode(new RlpList(TransactionRlp.withSignature(fields(), v(signature), signature))));
    }

    /** The v value of a signature over this transaction. */
    public BigInteger v(Signature signature) {
        BigInteger parity = BigInteger.valueOf(signature.yParity());
        return chainId == null ? PRE_EIP155_OFFSET.add(parity) : EIP155_OFFSET.add(chainId.shiftLeft(1)).add(parity);
    }

    static SignedTransaction decode(RlpList list) {
        if (list.size() != 9) {
            throw new InvalidTransactionException("a legacy transaction has 9 fields, got " + list.size());
        }
        BigInteger v = TransactionRlp.decodeQuantity(list.get(6), "v");
        if (v.bitLength() > TransactionRlp.UINT256) {
            throw new InvalidTransactionException("'v' is " + v.bitLength() + " bits wide, more than its 256-bit limit");
        }
        BigInteger chainId;
        int parity;
        if (v.compareTo(EIP155_OFFSET) >= 0) {
            BigInteger offset = v.subtract(EIP155_OFFSET);
            chainId = offset.shiftRight(1);
            parity = offset.testBit(0) ? 1 : 0;
            if (chainId.signum() == 0) {
                throw new InvalidTransactionException("'v' " + v + " gives EIP-155 chain id 0");
            }
        } else if (v.equals(PRE_EIP155_OFFSET) || v.equals(PRE_EIP155_OFFSET.add(BigInteger.ONE))) {
            chainId = null;
            parity = v.subtract(PRE_EIP155_OFFSET).intValue();
        } else {
            throw new InvalidTransactionException("'v' must be 27, 28 or 35 + 2 * chainId (+1) with chainId >= 1, got " + v);
        }
        LegacyTransaction tx = new LegacyTransaction(
                TransactionRlp.decodeQuantity(list.get(0), "nonce"),
                TransactionRlp.decodeQuantity(list.get(1), "gasPrice"),
                TransactionRlp.decodeQuantity(list.get(2), "gas"),
                TransactionRlp.decodeTo(list.get(3)),
                TransactionRlp.decodeQuantity(list.get(4), "value"),
                TransactionRlp.decodeBytes(list.get(5)),
                chainId);
        return new SignedTransaction(tx, TransactionRlp.decodeSignature(parity, list.get(7), list.get(8)));
    }

    private List<RlpItem> fields() {
        return List.of(RlpString.of(nonce), RlpString.of(gasPrice), RlpString.of(gas), TransactionRlp.to(to),
                RlpString.of(value), RlpString.of(data.value()));
    }
}
