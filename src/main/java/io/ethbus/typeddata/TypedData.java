package io.ethbus.typeddata;

import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An EIP-712 typed-data document, as {@code eth_signTypedData_v4} takes it: struct types, the
 * primary type, the domain and the message (field name to value: nested structs as {@link Map},
 * arrays as {@link List}, atomic values as {@link AtomicType} lists them). {@link #hash()} is
 * what is signed. When {@code types} has no {@code EIP712Domain}, it is derived from the domain
 * fields present. Errors are {@link InvalidTypedDataException}s naming the field's path.
 *
 * <pre>
 * TypedData mail = TypedData.builder()
 *         .type("Person", "string name", "address wallet")
 *         .type("Mail", "Person from", "Person to", "string contents")
 *         .domain(new TypedDataDomain("Ether Mail", "1", BigInteger.ONE, contract, null))
 *         .primaryType("Mail")
 *         .message(Map.of("from", cow, "to", bob, "contents", "Hello, Bob!"))
 *         .build();
 * Hash signed = mail.hash();               // or TypedData.fromJson(json).hash()
 * </pre>
 */
public record TypedData(TypedDataTypes types, String primaryType, TypedDataDomain domain, Map<String, Object> message) {
    /** The name of the domain's struct type. */
    public static final String DOMAIN_TYPE = "EIP712Domain";

    public TypedData {
        if (types == null || domain == null) {
            throw new InvalidTypedDataException(types == null ? "types" : "domain", "missing");
        }
        if (primaryType == null) {
            throw new InvalidTypedDataException("primaryType", "missing");
        }
        types.require(primaryType, "primaryType");
        if (!types.contains(DOMAIN_TYPE)) {
            types = types.with(DOMAIN_TYPE, domain.fields());
        }
        message = message == null ? null : Collections.unmodifiableMap(message);
    }

    /** Parses the JSON that {@code eth_signTypedData_v4} takes; every error names its path. */
    public static TypedData fromJson(String json) {
        return TypedDataJson.parse(json);
    }

    /** An empty builder; see the example above. */
    public static Builder builder() {
        return new Builder();
    }

    /** keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message)): the hash that is signed. */
    public Hash hash() {
        // Signing the domain alone leaves the message part out, as eth_signTypedData_v4 and viem do.
        boolean domainOnly = DOMAIN_TYPE.equals(primaryType);
        byte[] all = new byte[domainOnly ? 34 : 66];
        all[0] = 0x19;
        all[1] = 0x01;
        System.arraycopy(domainSeparator().value(), 0, all, 2, 32);
        if (!domainOnly) {
            byte[] message = new StructHasher(types).hashStruct(primaryType, this.message, FieldPath.root("message"));
            System.arraycopy(message, 0, all, 34, 32);
        }
        return new Hash(Keccak.keccak256(all));
    }

    /** hashStruct(EIP712Domain, domain). */
    public Hash domainSeparator() {
        return new Hash(new StructHasher(types).hashStruct(DOMAIN_TYPE, domain.values(), FieldPath.root("domain")));
    }

    /** hashStruct of {@code value} as the struct type {@code struct} of this document. */
    public Hash hashStruct(String struct, Map<String, ?> value) {
        types.require(struct, "struct");
        return new Hash(new StructHasher(types).hashStruct(struct, value, FieldPath.root(struct)));
    }

    /** encodeType of the primary type, referenced types sorted after it. */
    public String encodeType() {
        return types.encodeType(primaryType);
    }

    /** Collects a document from its Java parts; {@link #build()} checks the types. */
    public static final class Builder {
        private final Map<String, List<TypedDataField>> types = new LinkedHashMap<>();
        private String primaryType;
        private TypedDataDomain domain = new TypedDataDomain(null, null, null, null, null);
        private Map<String, Object> message;

        private Builder() {
        }

        /** A struct type from its fields as {@code "type name"}, e.g. {@code type("Person", "string name", "address wallet")}. */
        public Builder type(String name, String... fields) {
            List<TypedDataField> list = new ArrayList<>(fields.length);
            for (String field : fields) {
                list.add(TypedDataField.of(field));
            }
            return type(name, list);
        }

        /** A struct type from its fields in order. */
        public Builder type(String name, List<TypedDataField> fields) {
            types.put(name, List.copyOf(fields));
            return this;
        }

        /** The struct type of the message. */
        public Builder primaryType(String primaryType) {
            this.primaryType = primaryType;
            return this;
        }

        /** The domain; without it, the domain has no fields. */
        public Builder domain(TypedDataDomain domain) {
            this.domain = domain;
            return this;
        }

        /** The message: field name to value, nested structs as maps, arrays as lists. */
        public Builder message(Map<String, ?> message) {
            this.message = new LinkedHashMap<>(message);
            return this;
        }

        /** The document; the types are checked here, the values when hashed. */
        public TypedData build() {
            Map<String, List<TypedDataField>> all = new LinkedHashMap<>(types);
            all.putIfAbsent(DOMAIN_TYPE, domain.fields()); // derived here, so the types are checked once
            return new TypedData(TypedDataTypes.of(all), primaryType, domain, message);
        }
    }
}
