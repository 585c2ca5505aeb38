package io.ethbus.provider;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonValueFramerTest {
    final List<String> values = new ArrayList<>();

    JsonValueFramer framer(int max) {
        return new JsonValueFramer(max, b -> values.add(b.toString()));
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
    void oversizedValueAndGarbageAreTypedErrors() {
        JsonValueFramer small = framer(16);
        assertThrows(JsonValueFramer.FramingException.class,
                () -> small.feed(Buffer.buffer("{\"result\":\"0123456789abcdef\"")));
        assertThrows(JsonValueFramer.FramingException.class, () -> framer(1024).feed(Buffer.buffer("oops{}")));
    }
}
