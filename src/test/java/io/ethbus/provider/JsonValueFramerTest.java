package io.ethbus.provider;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonValueFramerTest {
    final List<String> values = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();
    final List<Long> held = new ArrayList<>();

    JsonValueFramer framer(int max) {
        return new JsonValueFramer(bytes -> {
            held.add(bytes);
            return bytes <= max;
        }, b -> values.add(b.toString()), (prefix, size) -> dropped.add(prefix + " (" + size + " bytes)"));
    }

    @Test
    void valuesWithoutSeparatorsAreSplit() {
        framer(1024).feed(Buffer.buffer("{\"id\":1}{\"id\":2}[{\"id\":3}]\n{\"id\":4}"));
        assertEquals(List.of("{\"id\":1}", "{\"id\":2}", "[{\"id\":3}]", "{\"id\":4}"), values);
    }

    @Test
    void aValueCutAcrossReadsIsJoined() {
        JsonValueFramer f = framer(1024);
        String whole = "{\"result\":{\"a\":[1,2,{\"b\":\"}]\"}]},\"id\":7}";
        for (int i = 0; i < whole.length(); i += 3) {
            f.feed(Buffer.buffer(whole.substring(i, Math.min(whole.length(), i + 3))));
        }
        assertEquals(List.of(whole), values);
    }

    @Test
    void bracesAndEscapedQuotesInsideStringsDoNotCount() {
        framer(1024).feed(Buffer.buffer("{\"s\":\"a\\\"}{[\\\\\"}{\"t\":1}"));
        assertEquals(List.of("{\"s\":\"a\\\"}{[\\\\\"}", "{\"t\":1}"), values);
    }

    @Test
    void anOversizedValueIsDroppedAndReportedAndTheStreamStaysInStep() {
        JsonValueFramer small = framer(16);
        small.feed(Buffer.buffer("{\"id\":1}{\"result\":\"0123456789abcdef\""));
        assertEquals(List.of("{\"id\":1}"), values);
        assertEquals(List.of(), dropped, "reported once it has ended");
        small.feed(Buffer.buffer(",\"more\":[\"}{[\""));
        small.feed(Buffer.buffer("]}{\"id\":2}"));
        assertEquals(List.of("{\"result\":\"0123456789abcdef\" (44 bytes)"), dropped);
        assertEquals(List.of("{\"id\":1}", "{\"id\":2}"), values, "the value after it is framed");
        assertEquals(0L, held.get(held.size() - 1), "nothing held between values");
    }

    @Test
    void aDroppedValueKeepsOnlyItsFirstBytes() {
        JsonValueFramer f = framer(10_000);
        String big = "{\"id\":9,\"result\":\"" + "ab".repeat(20_000) + "\"}";
        for (int i = 0; i < big.length(); i += 1000) {
            f.feed(Buffer.buffer(big.substring(i, Math.min(big.length(), i + 1000))));
        }
        assertEquals(List.of(), values);
        assertEquals(List.of(big.substring(0, JsonValueFramer.PREFIX_BYTES) + " (" + big.length() + " bytes)"), dropped);
        assertTrue(held.stream().allMatch(n -> n <= 11_000), "never held past the first refusal: " + held);
    }

    @Test
    void garbageIsATypedError() {
        assertThrows(JsonValueFramer.FramingException.class, () -> framer(1024).feed(Buffer.buffer("oops{}")));
    }
}
