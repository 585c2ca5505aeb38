package io.ethbus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ethbus.rpc.JsonRpcCodec;

/**
 * One command-line parameter as a JSON-RPC param: the JSON it spells when it is valid JSON
 * ({@code 1}, {@code true}, {@code {"to":"0x.."}}, {@code "quoted"}), else the text itself,
 * so that {@code 0xabc} and {@code latest} need no quoting.
 */
final class JsonArgument {
    private JsonArgument() {
    }

    static JsonNode parse(String argument) {
        try {
            JsonNode node = JsonRpcCodec.mapper().readTree(argument);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (JsonProcessingException notJson) {
            // plain text, taken as a string below
        }
        return JsonNodeFactory.instance.textNode(argument);
    }
}
