package io.ethbus.typeddata;

import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** EIP-712's own Mail example and the encoding rules, computed here without a node. */
class TypedDataTest {
    @Test
    void mailExampleGivesTheValuesTheEipStates() {
        TypedData mail = TypedData.fromJson(MailExample.JSON);
        assertEquals("Mail(Person from,Person to,string contents)Person(string name,address wallet)", mail.encodeType());
        assertEquals("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", Hex.encode(mail.types().typeHash("Mail")));
        assertEquals(Hash.of("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"), mail.domainSeparator());
        assertEquals(Hash.of("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e"),
                mail.hashStruct("Mail", mail.message()));
        assertEquals(Hash.of("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"), mail.hash());
    }

    @Test
    void theJavaFormHashesLikeTheJson() {
        assertEquals(TypedData.fromJson(MailExample.JSON).types(), MailExample.built().types());
        assertEquals(TypedData.fromJson(MailExample.JSON).hash(), MailExample.built().hash());
    }

    @Test
    void aMissingEip712DomainIsDerivedFromTheFieldsPresent() {
        String withoutDomainType = MailExample.JSON.replaceFirst("(?s)\"EIP712Domain\": \\[.*?\\],", "");
        assertEquals(TypedData.fromJson(MailExample.JSON).hash(), TypedData.fromJson(withoutDomainType).hash());

        TypedData onlyName = TypedData.fromJson(doc("{\"name\": \"x\"}", "\"Msg\": [{\"name\": \"v\", \"type\": \"uint8\"}]", "{\"v\": 1}"));
        assertEquals("EIP712Domain(string name)", onlyName.types().encodeType(TypedData.DOMAIN_TYPE));
        byte[] expected = Keccak.keccak256(concat(
                Keccak.keccak256("EIP712Domain(string name)".getBytes(StandardCharsets.UTF_8)),
                Keccak.keccak256("x".getBytes(StandardCharsets.UTF_8))));
        assertArrayEquals(expected, onlyName.domainSeparator().value());
    }

    @Test
    void referencedTypesAreSortedByNameAfterThePrimaryType() {
        TypedData data = TypedData.fromJson(doc("{}",
                "\"Z\": [{\"name\": \"b\", \"type\": \"B[]\"}, {\"name\": \"a\", \"type\": \"A[2]\"}],"
                        + "\"B\": [{\"name\": \"a\", \"type\": \"A\"}], \"A\": [{\"name\": \"x\", \"type\": \"uint8\"}],"
                        + "\"Unused\": [{\"name\": \"y\", \"type\": \"bool\"}]",
                "{\"b\": [], \"a\": [{\"x\": 1}, {\"x\": 2}]}").replace("\"Msg\"", "\"Z\""));
        assertEquals("Z(B[] b,A[2] a)A(uint8 x)B(A a)", data.encodeType());
    }

    @Test
    void numbersMayBeJsonNumbersDecimalStringsOrHex() {
        String types = "\"Msg\": [{\"name\": \"v\", \"type\": \"uint256\"}, {\"name\": \"n\", \"type\": \"int16\"}]";
        Hash number = TypedData.fromJson(doc("{}", types, "{\"v\": 300, \"n\": -2}")).hash();
        assertEquals(number, TypedData.fromJson(doc("{}", types, "{\"v\": \"300\", \"n\": \"-2\"}")).hash());
        assertEquals(number, TypedData.fromJson(doc("{}", types, "{\"v\": \"0x12c\", \"n\": -2.0}")).hash());
        assertEquals(number, TypedData.fromJson(doc("{}", types, "{\"v\": 3e2, \"n\": -2}")).hash());
        assertNotEquals(number, TypedData.fromJson(doc("{}", types, "{\"v\": 301, \"n\": -2}")).hash());
    }

    @Test
    void atomicWordsAreTheAbiWordsAndDynamicValuesAreHashed() {
        String types = "\"Msg\": [{\"name\": \"n\", \"type\": \"int8\"}, {\"name\": \"f\", \"type\": \"bytes3\"},"
                + "{\"name\": \"ok\", \"type\": \"bool\"}, {\"name\": \"d\", \"type\": \"bytes\"}, {\"name\": \"s\", \"type\": \"string\"},"
                + "{\"name\": \"u\", \"type\": \"uint32[]\"}]";
        TypedData data = TypedData.fromJson(doc("{}", types,
                "{\"n\": -1, \"f\": \"0x010203\", \"ok\": true, \"d\": \"0xff\", \"s\": \"\u00e9\", \"u\": [1, 2]}"));
        byte[] minusOne = new byte[32];
        java.util.Arrays.fill(minusOne, (byte) 0xff);
        byte[] fixed = new byte[32];
        fixed[0] = 1;
        fixed[1] = 2;
        fixed[2] = 3;
        byte[] yes = word(BigInteger.ONE);
        byte[] array = Keccak.keccak256(concat(word(BigInteger.ONE), word(BigInteger.TWO)));
        byte[] expected = Keccak.keccak256(concat(data.types().typeHash("Msg"), minusOne, fixed, yes,
                Keccak.keccak256(new byte[] {(byte) 0xff}), Keccak.keccak256("\u00e9".getBytes(StandardCharsets.UTF_8)), array));
        assertArrayEquals(expected, data.hashStruct("Msg", data.message()).value());
    }

    @Test
    void aTypeMayContainItselfThroughAnArrayThatCanBeEmpty() {
        TypedData tree = TypedData.builder()
                .type("Node", "string label", "Node[] children")
                .primaryType("Node")
                .message(Map.of("label", "root", "children", List.of(
                        Map.of("label", "leaf", "children", List.of()))))
                .build();
        assertEquals("Node(string label,Node[] children)", tree.encodeType());
        byte[] typeHash = Keccak.keccak256("Node(string label,Node[] children)".getBytes(StandardCharsets.UTF_8));
        byte[] leaf = Keccak.keccak256(concat(typeHash, Keccak.keccak256("leaf".getBytes(StandardCharsets.UTF_8)),
                Keccak.keccak256(new byte[0])));
        byte[] root = Keccak.keccak256(concat(typeHash, Keccak.keccak256("root".getBytes(StandardCharsets.UTF_8)),
                Keccak.keccak256(leaf)));
        assertArrayEquals(root, tree.hashStruct("Node", tree.message()).value());
    }

    @Test
    void aSelfReferenceHashesAsWeb3jHashesIt() throws java.io.IOException {
        // anvil refuses any type that refers to itself ("circular dependency"), though EIP-712
        // and viem allow it through an array; web3j is the independent implementation here.
        String json = """
                {"types": {"Node": [{"name": "label", "type": "string"}, {"name": "children", "type": "Node[]"}]},
                 "primaryType": "Node", "domain": {"name": "Tree"},
                 "message": {"label": "root", "children": [{"label": "a", "children": [{"label": "a1", "children": []}]},
                                                          {"label": "b", "children": []}]}}
                """;
        String withDomainType = json.replace("{\"Node\"", "{\"EIP712Domain\": [{\"name\": \"name\", \"type\": \"string\"}], \"Node\"");
        byte[] web3j = new org.web3j.crypto.StructuredDataEncoder(withDomainType).hashStructuredData();
        assertArrayEquals(web3j, TypedData.fromJson(json).hash().value());
    }

    @Test
    void signingTheDomainAloneLeavesTheMessageOut() {
        TypedData domainOnly = TypedData.fromJson(MailExample.JSON.replace("\"primaryType\": \"Mail\"", "\"primaryType\": \"EIP712Domain\""));
        byte[] expected = Keccak.keccak256(concat(new byte[] {0x19, 0x01}, domainOnly.domainSeparator().value()));
        assertArrayEquals(expected, domainOnly.hash().value());
    }

    /** A document with the given domain object, type entries (besides EIP712Domain) and message of primary type Msg. */
    static String doc(String domain, String types, String message) {
        return "{\"types\": {" + types + "}, \"primaryType\": \"Msg\", \"domain\": " + domain + ", \"message\": " + message + "}";
    }

    private static byte[] word(BigInteger value) {
        byte[] out = new byte[32];
        byte[] raw = value.toByteArray();
        System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
