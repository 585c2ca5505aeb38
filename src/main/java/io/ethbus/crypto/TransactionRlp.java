package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.eth.AccessListItem;
import io.ethbus.eth.Authorization;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The RLP form of the fields that the transaction types share, both ways. Decoding is strict:
 * every value must be canonical and within the width the protocol gives it, and a signature
 * must be one a node accepts (r and s in 1..n-1, s at most n/2 per EIP-2, yParity 0 or 1), so
 * no sender is recovered for a transaction that every node rejects.
 */
final class TransactionRlp {
    /** Nonces and gas limits are 64-bit (EIP-2681, the gas limit's type in every client). */
    static final int UINT64 = 64;
    /** Values, gas prices, fees and chain ids are 256-bit. */
    static final int UINT256 = 256;

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

    /** EIP-7702's list: {@code [[chainId, address, nonce, yParity, r, s], ...]}. */
    static RlpList authorizationList(List<Authorization> authorizations) {
        List<RlpItem> items = new ArrayList<>(authorizations.size());
        for (Authorization a : authorizations) {
            items.add(RlpList.of(RlpString.of(a.chainId()), RlpString.of(a.address().value()), RlpString.of(a.nonce()),
                    RlpString.of(a.yParity()), RlpString.of(a.r()), RlpString.of(a.s())));
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

    /** A canonical integer (no leading zero byte); its width is checked where the field is built. */
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

    /** A transaction's signature, checked field by field before it is built (post-Homestead rules, EIP-2). */
    /** An authorization list as EIP-7702 bounds it; a tuple's signature is checked only when its authority is recovered. */
    static List<Authorization> decodeAuthorizationList(RlpItem item) {
        List<Authorization> out = new ArrayList<>();
        List<RlpItem> tuples = decodeList(item, "authorizationList").items();
        for (int i = 0; i < tuples.size(); i++) {
            String at = "authorizationList[" + i + "]";
            RlpList tuple = decodeList(tuples.get(i), at);
            if (tuple.size() != 6) {
                throw new InvalidTransactionException("'" + at + "' has 6 items, got " + tuple.size());
            }
            byte[] address = decodeBytes(tuple.get(1)).value();
            if (address.length != Address.LENGTH) {
                throw new InvalidTransactionException("'" + at + ".address' is " + address.length + " bytes, expected " + Address.LENGTH);
            }
            BigInteger yParity = decodeQuantity(tuple.get(3), at + ".yParity");
            requireUint(yParity, at + ".yParity", 8);
            out.add(new Authorization(decodeQuantity(tuple.get(0), at + ".chainId"), new Address(address),
                    decodeQuantity(tuple.get(2), at + ".nonce"), yParity.intValue(),
                    decodeQuantity(tuple.get(4), at + ".r"), decodeQuantity(tuple.get(5), at + ".s")));
        }
        return out;
    }

    /** Every authorization is signed and its fields fit their widths (EIP-7702's bounds). */
    static void requireAuthorizations(List<Authorization> authorizations) {
        for (int i = 0; i < authorizations.size(); i++) {
            Authorization a = authorizations.get(i);
            String at = "authorizationList[" + i + "]";
            if (a == null || a.address() == null) {
                throw new InvalidTransactionException("'" + at + ".address' is required");
            }
            requireUint(a.chainId(), at + ".chainId", UINT256);
            requireUint(a.nonce(), at + ".nonce", UINT64);
            requireUint(a.yParity() == null ? null : BigInteger.valueOf(a.yParity()), at + ".yParity", 8);
            requireUint(a.r(), at + ".r", UINT256);
            requireUint(a.s(), at + ".s", UINT256);
        }
    }

    /** {@code item} as a list, or an error naming the field. */
    static RlpList decodeList(RlpItem item, String name) {
        try {
            return item.asList();
        } catch (RlpException e) {
            throw new InvalidTransactionException("'" + name + "': " + e.getMessage(), e);
        }
    }

    static Signature decodeSignature(int yParity, RlpItem r, RlpItem s) {
        BigInteger rValue = decodeQuantity(r, "r");
        BigInteger sValue = decodeQuantity(s, "s");
        requireScalar(rValue, "r");
        requireScalar(sValue, "s");
        if (sValue.compareTo(Secp256k1.HALF_N) > 0) {
            throw new InvalidTransactionException("'s' is above n/2 of secp256k1: a high-s signature, refused since EIP-2");
        }
        return new Signature(rValue, sValue, yParity);
    }

    static int decodeYParity(RlpItem item) {
        BigInteger v = decodeQuantity(item, "yParity");
        if (v.compareTo(BigInteger.ONE) > 0) {
            throw new InvalidTransactionException("'yParity' must be 0 or 1, got " + v);
        }
        return v.intValue();
    }

    private static void requireScalar(BigInteger value, String name) {
        if (value.signum() == 0 || value.compareTo(Secp256k1.N) >= 0) {
            throw new InvalidTransactionException("'" + name + "' must be in 1..n-1 of secp256k1, got "
                    + (value.signum() == 0 ? "0" : "a value of " + value.bitLength() + " bits at or above n"));
        }
    }

    /** A field that must be set and fit in {@code bits} unsigned bits. */
    static void requireUint(BigInteger value, String name, int bits) {
        if (value == null) {
            throw new InvalidTransactionException("'" + name + "' is required");
        }
        if (value.signum() < 0) {
            throw new InvalidTransactionException("'" + name + "' cannot be negative");
        }
        if (value.bitLength() > bits) {
            throw new InvalidTransactionException("'" + name + "' is " + value.bitLength()
                    + " bits wide, more than its " + bits + "-bit limit");
        }
    }
}
