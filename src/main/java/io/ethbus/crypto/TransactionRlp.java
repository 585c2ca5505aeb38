package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.eth.AccessListItem;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The RLP form of the fields that the transaction types share, both ways. */
final class TransactionRlp {
    private TransactionRlp() {
    }

    static RlpString to(Address to) {
        return to == null ? RlpString.EMPTY : RlpString.of(to.value());
    }

    static RlpList accessList(List<AccessListItem> accessList) {
        List<RlpItem> items = new ArrayList<>(accessList.size());
        for (AccessListItem item : accessList) {
            List<RlpItem> keys = new ArrayList<>(item.storageKeys().size());
            item.storageKeys().forEach(k -> keys.add(RlpString.of(k.value())));
            items.add(RlpList.of(RlpString.of(item.address().value()), new RlpList(keys)));
        }
        return new RlpList(items);
    }

    /** {@code type || rlp(fields)}, the EIP-2718 envelope. */
    static byte[] typed(int type, RlpList fields) {
        byte[] body = Rlp.encode(fields);
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** Signing hash of a typed (EIP-2718) transaction: keccak256(type || rlp(fields)). */
    static Hash typedSigningHash(int type, List<RlpItem> fields) {
        return new Hash(Keccak.keccak256(typed(type, new RlpList(fields))));
    }

    /** Signed encoding of a typed transaction: type || rlp(fields ++ [yParity, r, s]). */
    static Bytes typedSigned(int type, List<RlpItem> fields, Signature signature) {
        return Bytes.wrap(typed(type, new RlpList(withSignature(fields, BigInteger.valueOf(signature.yParity()), signature))));
    }

    /** Checks a decoded typed transaction's field count, naming the type in the error. */
    static void requireFields(RlpList list, int count, String kind) {
        if (list.size() != count) {
            throw new InvalidTransactionException("an " + kind + " transaction has " + count + " fields, got " + list.size());
        }
    }

    /** The signature in the last three fields of a typed transaction: yParity, r, s. */
    static Signature decodeTypedSignature(RlpList list) {
        int n = list.size();
        return decodeSignature(decodeYParity(list.get(n - 3)), list.get(n - 2), list.get(n - 1));
    }

    static List<RlpItem> withSignature(List<RlpItem> fields, BigInteger v, Signature signature) {
        List<RlpItem> out = new ArrayList<>(fields);
        out.add(RlpString.of(v));
        out.add(RlpString.of(signature.r()));
        out.add(RlpString.of(signature.s()));
        return out;
    }

    static Address decodeTo(RlpItem item) {
        byte[] b = item.asString().bytes();
        if (b.length == 0) {
            return null;
        }
        if (b.length != Address.LENGTH) {
            throw new InvalidTransactionException("'to' is " + b.length + " bytes, expected 0 or " + Address.LENGTH);
        }
        return new Address(b);
    }

    static BigInteger decodeQuantity(RlpItem item, String name) {
        try {
            return item.asString().asBigInteger();
        } catch (RlpException e) {
            throw new InvalidTransactionException("'" + name + "': " + e.getMessage(), e);
        }
    }

    static Bytes decodeBytes(RlpItem item) {
        return Bytes.wrap(item.asString().bytes());
    }

    static List<AccessListItem> decodeAccessList(RlpItem item) {
        List<AccessListItem> out = new ArrayList<>();
        for (RlpItem entry : item.asList().items()) {
            RlpList pair = entry.asList();
            if (pair.size() != 2) {
                throw new InvalidTransactionException("an access list entry has 2 items, got " + pair.size());
            }
            byte[] address = pair.get(0).asString().bytes();
            if (address.length != Address.LENGTH) {
                throw new InvalidTransactionException("access list address is " + address.length + " bytes");
            }
            List<Hash> keys = new ArrayList<>();
            for (RlpItem key : pair.get(1).asList().items()) {
                byte[] k = key.asString().bytes();
                if (k.length != Hash.LENGTH) {
                    throw new InvalidTransactionException("access list storage key is " + k.length + " bytes");
                }
                keys.add(new Hash(k));
            }
            out.add(new AccessListItem(new Address(address), keys));
        }
        return out;
    }

    static Signature decodeSignature(int yParity, RlpItem r, RlpItem s) {
        return new Signature(decodeQuantity(r, "r"), decodeQuantity(s, "s"), yParity);
    }

    static int decodeYParity(RlpItem item) {
        BigInteger v = decodeQuantity(item, "yParity");
        if (v.compareTo(BigInteger.ONE) > 0) {
            throw new InvalidTransactionException("yParity must be 0 or 1, got " + v);
        }
        return v.intValue();
    }

    static void requireNonNegative(BigInteger value, String name) {
        if (value == null) {
            throw new InvalidTransactionException("'" + name + "' is required");
        }
        if (value.signum() < 0) {
            throw new InvalidTransactionException("'" + name + "' cannot be negative");
        }
    }
}
