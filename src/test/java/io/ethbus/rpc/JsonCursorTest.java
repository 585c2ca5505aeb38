package io.ethbus.rpc;

import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The envelope scan's cursor against Jackson: on valid and mutated JSON, cut into chunks at
 * random places, the cursor accepts exactly the texts Jackson reads, and ends a value where
 * Jackson does, and reads the same tree from it.
 */
class JsonCursorTest {
    private static final int CASES = 30_000;
    private static final long TIME_LIMIT_NANOS = 20_000_000_000L;

    @Test
    void acceptsExactlyWhatJacksonReads() {
        SplittableRandom random = new SplittableRandom(0xc0_5e_ed);
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        int accepted = 0;
        int refused = 0;
        List<String> texts = new ArrayList<>(ResponseDecodingFuzzTest.RESULTS);
        texts.add("{\"a\\\"b\":\"\\u00e9\\n\\\\\",\"\u00e9\u4e2d\ud83d\ude00\":[1,-0,0.5,-2.5e-3,1E+9,true,false,null,{}]}");
        for (int run = 0; run < CASES && System.nanoTime() < deadline; run++) {
            byte[] text = texts.get(random.nextInt(texts.size())).getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(4) != 0) {
                text = ResponseDecodingFuzzTest.mutate(text, random);
            }
            boolean jackson = jacksonReads(text);
            boolean cursor = cursorReads(RawJson.chunks(cut(text, random)));
            if (jackson != cursor) {
                fail("Jackson " + (jackson ? "reads" : "refuses") + " but the cursor " + (cursor ? "reads" : "refuses")
                        + ": " + new String(text, StandardCharsets.UTF_8));
            }
            if (jackson) {
                assertEquals(jacksonTree(text), RawJson.chunks(cut(text, random)).cursor().readTree(),
                        "the same tree: " + new String(text, StandardCharsets.UTF_8));
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(accepted > 1000 && refused > 1000, "accepted " + accepted + ", refused " + refused);
    }

    @Test
    void readsMemberNamesAndIdsAcrossChunks() {
        byte[] text = "{\"jsonrpc\":\"2.0\",\"id\":-42,\"result\":[1,{\"x\":\"y\"}]}".getBytes(StandardCharsets.UTF_8);
        MemberNames names = MemberNames.of("id", "result");
        for (int cutAt = 1; cutAt < text.length; cutAt++) {
            byte[] a = java.util.Arrays.copyOfRange(text, 0, cutAt);
            byte[] b = java.util.Arrays.copyOfRange(text, cutAt, text.length);
            JsonCursor c = RawJson.chunks(List.of(a, b)).cursor();
            c.expect('{', "an object");
            assertTrue(c.nextMember(true));
            assertEquals(-1, c.memberName(names), "cut at " + cutAt);
            c.skipValue();
            assertTrue(c.nextMember(false));
            assertEquals(0, c.memberName(names), "cut at " + cutAt);
            assertEquals(-42L, c.longOrNull());
            assertTrue(c.nextMember(false));
            assertEquals(1, c.memberName(names), "cut at " + cutAt);
            c.peek();
            int start = c.position();
            c.skipValue();
            assertEquals("[1,{\"x\":\"y\"}]", new String(text, start, c.position() - start, StandardCharsets.UTF_8));
            assertFalse(c.nextMember(false));
            assertEquals(-1, c.peek());
        }
    }

    @Test
    void matchesAMemberNameWrittenWithEscapesAsJacksonReadsIt() {
        byte[] text = "{\"\\u0069d\":1,\"r\\u00e9sult\":2,\"res\\\"ult\":3}".getBytes(StandardCharsets.UTF_8);
        MemberNames names = MemberNames.of("id", "result");
        for (int cutAt = 1; cutAt < text.length; cutAt++) {
            JsonCursor c = RawJson.chunks(List.of(java.util.Arrays.copyOfRange(text, 0, cutAt),
                    java.util.Arrays.copyOfRange(text, cutAt, text.length))).cursor();
            c.expect('{', "an object");
            List<Integer> matched = new ArrayList<>();
            for (boolean first = true; c.nextMember(first); first = false) {
                matched.add(c.memberName(names));
                c.skipValue();
            }
            assertEquals(List.of(0, -1, -1), matched, "cut at " + cutAt);
        }
    }

    @Test
    void readsStringsPlainOrEscapedAcrossChunks() {
        String[] values = {"0x" + "ab".repeat(20), "", "quote \\\" slash \\\\ \\u00e9 \\n", "\\u00e9\\u4e2d \u00e9\u4e2d\ud83d\ude00"};
        String[] expected = {"0x" + "ab".repeat(20), "", "quote \" slash \\ \u00e9 \n", "\u00e9\u4e2d \u00e9\u4e2d\ud83d\ude00"};
        for (int v = 0; v < values.length; v++) {
            byte[] text = ("[\"" + values[v] + "\",1]").getBytes(StandardCharsets.UTF_8);
            for (int cutAt = 1; cutAt < text.length; cutAt++) {
                JsonCursor c = RawJson.chunks(List.of(java.util.Arrays.copyOfRange(text, 0, cutAt),
                        java.util.Arrays.copyOfRange(text, cutAt, text.length))).cursor();
                c.expect('[', "an array");
                assertTrue(c.nextElement(true));
                assertEquals(expected[v], c.string(), "value " + v + " cut at " + cutAt);
                assertTrue(c.nextElement(false));
                assertEquals(1L, c.longOrNull());
                assertFalse(c.nextElement(false));
            }
        }
    }

    @Test
    void idsThatAreNotLongsAreRefused() {
        for (String id : List.of("1.0", "1e3", "\"7\"", "9223372036854775808", "[]", "true")) {
            JsonCursor c = RawJson.wrap(id.getBytes(StandardCharsets.UTF_8)).cursor();
            assertThrows(NumberFormatException.class, c::longOrNull, id);
            assertEquals(-1, c.peek(), "the cursor is past " + id);
        }
        assertEquals(null, RawJson.wrap("null".getBytes(StandardCharsets.UTF_8)).cursor().longOrNull());
    }

    @Test
    void deepNestingIsRefusedNotRecursedInto() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        JsonCursor.SyntaxException e = assertThrows(JsonCursor.SyntaxException.class,
                () -> RawJson.wrap(deep.getBytes(StandardCharsets.UTF_8)).cursor().skipValue());
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        String fine = "[".repeat(500) + "]".repeat(500);
        assertTrue(cursorReads(RawJson.wrap(fine.getBytes(StandardCharsets.UTF_8))));
    }

    private static boolean jacksonReads(byte[] text) {
        try (JsonParser p = JsonRpcCodec.parser(text, 0, text.length)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            p.finishToken();
            return p.nextToken() == null;
        } catch (Exception e) {
            return false;
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode jacksonTree(byte[] text) {
        try {
            return JsonRpcCodec.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean cursorReads(RawJson text) {
        JsonCursor c = text.cursor();
        try {
            c.skipValue();
            return c.peek() < 0;
        } catch (JsonCursor.SyntaxException e) {
            return false;
        }
    }

    /** The text in one to five chunks cut at random places. */
    private static List<byte[]> cut(byte[] text, SplittableRandom random) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int pieces = random.nextInt(5); pieces > 0 && from < text.length; pieces--) {
            int to = from + random.nextInt(text.length - from + 1);
            chunks.add(java.util.Arrays.copyOfRange(text, from, to));
            from = to;
        }
        chunks.add(java.util.Arrays.copyOfRange(text, from, text.length));
        return chunks;
    }
}
