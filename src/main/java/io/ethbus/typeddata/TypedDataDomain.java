package io.ethbus.typeddata;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EIP-712 domain: any subset of name, version, chainId, verifyingContract and salt (an
 * absent field is null). When a document does not define {@code EIP712Domain} itself, its type
 * is derived from the fields present, in this order, as viem and wallets do.
 *
 * <pre>new TypedDataDomain("Ether Mail", "1", BigInteger.ONE, Address.of("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"), null)</pre>
 */
public record TypedDataDomain(String name, String version, BigInteger chainId, Address verifyingContract, Bytes salt) {
    /** The domain fields EIP-712 defines, with their types, in their canonical order. */
    static final Map<String, String> KNOWN = knownFields();

    public TypedDataDomain {
        if (salt != null && salt.length() != 32) {
            throw new InvalidTypedDataException("domain.salt", "a salt is 32 bytes, got " + salt.length());
        }
    }

    /** The derived EIP712Domain type: one field per value present. */
    public List<TypedDataField> fields() {
        List<TypedDataField> fields = new ArrayList<>();
        values().keySet().forEach(name -> fields.add(new TypedDataField(name, KNOWN.get(name))));
        return fields;
    }

    /** The fields present, by name, in canonical order. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        put(values, "name", name);
        put(values, "version", version);
        put(values, "chainId", chainId);
        put(values, "verifyingContract", verifyingContract);
        put(values, "salt", salt);
        return values;
    }

    private static void put(Map<String, Object> values, String key, Object value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private static Map<String, String> knownFields() {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("name", "string");
        known.put("version", "string");
        known.put("chainId", "uint256");
        known.put("verifyingContract", "address");
        known.put("salt", "bytes32");
        return Collections.unmodifiableMap(known);
    }
}
