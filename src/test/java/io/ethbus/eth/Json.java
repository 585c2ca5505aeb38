package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;

import java.nio.charset.StandardCharsets;

/** Parses inline JSON fixtures with the mapper ethbus uses on the wire. */
final class Json {
    private Json() {
    }

    static JsonNode parse(String text) {
        return JsonRpcCodec.parse(text.getBytes(StandardCharsets.UTF_8), "fixture", null);
    }
}
