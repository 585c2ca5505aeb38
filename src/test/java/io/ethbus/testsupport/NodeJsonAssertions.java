package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks a decoded record against the node's raw JSON, field by field: every component
 * equals the raw member of the same name, and every raw member is carried by some
 * component (so a field the decoder forgot is caught too).
 */
public final class NodeJsonAssertions {
    /** Record components that are derived from other members and have no raw member of their own. */
    private static final Set<String> DERIVED = Set.of("transactionHashes", "proofOfAuthorityData");

    private NodeJsonAssertions() {
    }

    public static void assertMatchesNode(Object record, JsonNode raw) {
        compare(record, raw, record.getClass().getSimpleName());
    }

    private static void compare(Object value, JsonNode raw, String path) {
        if (value == null) {
            assertTrue(raw == null || raw.isNull() || raw.isMissingNode(), path + ": decoded null but node sent " + raw);
            return;
        }
        assertTrue(raw != null && !raw.isNull() && !raw.isMissingNode(), path + ": node sent nothing but decoded " + value);
        if (value instanceof BigInteger || value instanceof Long || value instanceof Integer) {
            BigInteger expected = raw.isNumber() ? raw.bigIntegerValue() : Hex.toBigInteger(raw.asText());
            assertEquals(expected, new BigInteger(value.toString()), path);
        } else if (value instanceof Address a) {
            assertEquals(raw.asText().toLowerCase(), a.toHex(), path);
        } else if (value instanceof Hash h) {
            assertEquals(raw.asText().toLowerCase(), h.toHex(), path);
        } else if (value instanceof Bytes b) {
            assertEquals(raw.asText().toLowerCase(), b.toHex(), path);
        } else if (value instanceof Boolean bool) {
            assertEquals(raw.asBoolean(), bool, path);
        } else if (value instanceof Double d) {
            assertEquals(raw.asDouble(), d, 1e-12, path);
        } else if (value instanceof String s) {
            assertEquals(raw.asText(), s, path);
        } else if (value instanceof List<?> list) {
            assertTrue(raw.isArray(), path + ": expected an array, node sent " + raw);
            assertEquals(raw.size(), list.size(), path + ": length");
            Iterator<JsonNode> items = raw.iterator();
            for (int i = 0; i < list.size(); i++) {
                compare(list.get(i), items.next(), path + "[" + i + "]");
            }
        } else if (value.getClass().isRecord()) {
            compareRecord(value, raw, path);
        } else {
            fail(path + ": no comparison for " + value.getClass());
        }
    }

    private static void compareRecord(Object record, JsonNode raw, String path) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            String name = c.getName();
            names.add(name);
            if (DERIVED.contains(name)) {
                continue;
            }
            Object value;
            try {
                value = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            JsonNode member = raw.get(name);
            if (name.equals("transactions") && member != null && member.isArray()
                    && member.size() > 0 && member.get(0).isTextual()) {
                // A block without full transactions: the hashes live in transactionHashes.
                value = componentValue(record, "transactionHashes");
            }
            if (value instanceof List<?> l && l.isEmpty() && (member == null || member.isNull())) {
                continue; // absent list decoded as empty
            }
            if (value instanceof Boolean b && !b && member == null) {
                continue; // absent flag (log.removed) decoded as false
            }
            if (name.equals("type") && member == null && Integer.valueOf(0).equals(value)) {
                continue; // legacy transactions may omit type
            }
            compare(value, member, path + "." + name);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            String member = it.next().getKey();
            assertTrue(names.contains(member), path + ": node member '" + member + "' is not decoded");
        }
    }

    private static Object componentValue(Object record, String name) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    return c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no component " + name);
    }
}
