package io.ethbus.typeddata;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ethbus.typeddata.TypedDataTest.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of bad input is an InvalidTypedDataException whose path names the field. */
class InvalidTypedDataTest {
    @Test
    void unknownType() {
        assertError("types.Mail.from", "unknown type Persn", MailExample.JSON.replace("\"type\": \"Person\"}", "\"type\": \"Persn\"}"));
    }

    @Test
    void missingField() {
        assertError("message.to.wallet", "missing field wallet",
                MailExample.JSON.replace(", \"wallet\": \"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB\"", ""));
    }

    @Test
    void extraFieldIsRefusedBecauseItWouldNotBeSigned() {
        assertError("message.to.age", "extra field age", MailExample.JSON.replace("\"name\": \"Bob\",", "\"name\": \"Bob\", \"age\": 3,"));
        assertError("domain.owner", "unknown domain field", MailExample.JSON.replace("\"version\": \"1\",", "\"version\": \"1\", \"owner\": \"x\","));
    }

    @Test
    void valuesOutOfRangeOrOfTheWrongKindForTheirType() {
        String[][] cases = {
                // path, type, JSON value, what the message says
                {"message.v", "uint8", "256", "out of range for uint8"},
                {"message.v", "uint8", "-1", "out of range for uint8"},
                {"message.v", "uint256", "\"-5\"", "out of range for uint256"},
                {"message.v", "int8", "128", "out of range for int8"},
                {"message.v", "int8", "-129", "out of range for int8"},
                {"message.v", "uint64", "18446744073709551616", "out of range for uint64"},
                {"message.v", "uint256", "\"0x1" + "0".repeat(64) + "\"", "out of range for uint256"},
                {"message.v", "bytes4", "\"0x0102030405\"", "out of range for bytes4"},
                {"message.v", "bytes4", "\"0x010203\"", "out of range for bytes4"},
                {"message.v", "uint8", "1.5", "uint8 takes a whole number"},
                {"message.v", "uint8", "\"ten\"", "takes a number, a decimal string or 0x hex"},
                {"message.v", "bool", "1", "bool takes true or false"},
                {"message.v", "bytes", "\"0x123\"", "bytes takes 0x hex"},
                {"message.v", "address", "\"0x1234\"", "bad address"},
                {"message.v[1]", "uint8[]", "[1, 999]", "out of range for uint8"},
                {"message.v", "uint8[2]", "[1, 2, 3]", "uint8[2] takes 2 elements, got 3"},
                {"message.v", "uint8[]", "7", "uint8[] takes an array"},
        };
        for (String[] c : cases) {
            assertError(c[0], c[3], one(c[1], c[2]));
        }
    }

    @Test
    void aHugeExponentIsRefusedWithoutBuildingTheNumber() {
        // 1e999999999 as an integer has a billion digits: converting it would never finish.
        assertError("message.v", "out of range for uint256", one("uint256", "1e999999999"));
        assertError("domain.chainId", "out of range for uint256", MailExample.JSON.replace("\"chainId\": 1", "\"chainId\": 1e999999999"));
        assertError("message.v", "int256 takes a whole number", one("int256", "-1e-999999999"));
        assertEquals(TypedData.fromJson(one("uint256", "1000")).hash(), TypedData.fromJson(one("uint256", "1.000e3")).hash());
    }

    @Test
    void badAddresses() {
        assertError("message.to.wallet", "checksum mismatch",
                MailExample.JSON.replace("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", "0xBbbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"));
        assertError("domain.verifyingContract", "bad address",
                MailExample.JSON.replace("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC", "0xCCCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));
    }

    @Test
    void badArrayLengthInAType() {
        assertError("types.Msg.v", "bad array length", one("uint8[x]", "[]"));
    }

    @Test
    void aTypeThatContainsItselfWithNoWayOutIsRefused() {
        assertError("types.Node", "contains itself through Node -> Node", "{\"types\": {\"Node\": [{\"name\": \"next\", \"type\": \"Node\"}]},"
                + "\"primaryType\": \"Node\", \"domain\": {}, \"message\": {}}");
        assertError("types.A", "contains itself through A -> B -> A", "{\"types\": {\"A\": [{\"name\": \"b\", \"type\": \"B\"}],"
                + "\"B\": [{\"name\": \"a\", \"type\": \"A[2]\"}]}, \"primaryType\": \"A\", \"domain\": {}, \"message\": {}}");
        // Through a dynamic array the value can end: legal.
        TypedData.builder().type("A", "B b").type("B", "A[] a").primaryType("A").build();
    }

    @Test
    void tooManyOrTooDeeplyNestedTypesAreRefused() {
        // Msg -> T1 -> T2 -> ... each holding the next: untrusted types must not cost O(n^2) or the stack.
        assertError("types", "at most 1024", chain(5_000, ""));
        assertError("types", "nest deeper than 256", chain(300, ""));
        // Through dynamic arrays nothing must be present, and the chain hashes.
        TypedData.fromJson(chain(300, "[]")).hash();
    }

    private static String chain(int length, String array) {
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < length - 1; i++) {
            types.append('"').append(i == 0 ? "Msg" : "T" + i).append("\": [{\"name\": \"next\", \"type\": \"T")
                    .append(i + 1).append(array).append("\"}], ");
        }
        types.append("\"T").append(length - 1).append("\": [{\"name\": \"v\", \"type\": \"uint8\"}]");
        return doc("{}", types.toString(), "{\"next\": " + (array.isEmpty() ? "{}" : "[]") + "}");
    }

    @Test
    void primaryTypeMissingFromTypes() {
        assertError("primaryType", "type Letter is not defined", MailExample.JSON.replace("\"primaryType\": \"Mail\"", "\"primaryType\": \"Letter\""));
        assertError("primaryType", "missing", MailExample.JSON.replace("\"primaryType\": \"Mail\",", ""));
        InvalidTypedDataException e = assertThrows(InvalidTypedDataException.class,
                () -> TypedData.builder().type("Msg", "uint8 v").primaryType("Other").build());
        assertEquals("primaryType", e.path());
    }

    @Test
    void javaValuesAreCheckedTheSameWay() {
        TypedData data = TypedData.builder().type("Msg", "uint8 v", "Msg[] more").primaryType("Msg")
                .message(Map.of("v", 1, "more", List.of(Map.of("v", 300, "more", List.of())))).build();
        InvalidTypedDataException e = assertThrows(InvalidTypedDataException.class, data::hash);
        assertEquals("message.more[0].v", e.path());
    }

    @Test
    void notJsonOrNotADocument() {
        assertError("typedData", "not JSON", "{\"types\": ");
        assertError("message", "missing, or not an object", MailExample.JSON.replaceFirst("\"message\"", "\"note\""));
    }

    private static String one(String type, String value) {
        return doc("{}", "\"Msg\": [{\"name\": \"v\", \"type\": \"" + type + "\"}]", "{\"v\": " + value + "}");
    }

    private static void assertError(String path, String fragment, String json) {
        InvalidTypedDataException e = assertThrows(InvalidTypedDataException.class, () -> TypedData.fromJson(json).hash());
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
