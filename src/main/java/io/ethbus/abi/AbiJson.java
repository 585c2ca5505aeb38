package io.ethbus.abi;

import com.esaulpaugh.headlong.abi.ABIObject;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.JsonRpcCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON ABI (an array of functions, events, errors, a constructor) or a compiler
 * artifact holding one ({@code {"abi": [...], "bytecode": "0x.." | {"object": "0x.."}}}, as
 * solc, Foundry and Hardhat write it) into headlong objects.
 */
final class AbiJson {
    private AbiJson() {
    }

    static Abi read(String json) {
        JsonNode root;
        try {
            root = JsonRpcCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new AbiException("malformed ABI JSON '" + Excerpt.of(json) + "': " + e.getOriginalMessage(), e);
        }
        if (root == null) {
            throw new AbiException("malformed ABI JSON: empty");
        }
        if (root.isObject() && root.has("abi")) {
            return Abi.of(entries(root.get("abi")), bytecode(root.get("bytecode")));
        }
        return Abi.of(entries(root), null);
    }

    /** Headlong objects of an ABI array; receive and fallback entries carry nothing to encode and are left out. */
    static List<ABIObject> entries(JsonNode abi) {
        if (!abi.isArray()) {
            throw new AbiException("an ABI is a JSON array or an artifact with an \"abi\" array, got " + abi.getNodeType());
        }
        List<ABIObject> out = new ArrayList<>(abi.size());
        for (JsonNode entry : abi) {
            String type = entry.path("type").asText("function");
            if (type.equals("receive") || type.equals("fallback")) {
                continue;
            }
            try {
                out.add(ABIObject.fromJson(entry.toString()));
            } catch (RuntimeException e) {
                throw new AbiException("malformed ABI entry " + Excerpt.of(entry.toString()) + ": " + ParamCodec.reason(e), e);
            }
        }
        return out;
    }

    private static Bytes bytecode(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode hex = node.isObject() ? node.get("object") : node;
        if (hex == null || !hex.isTextual() || hex.asText().isEmpty()) {
            return null;
        }
        String text = hex.asText().startsWith("0x") ? hex.asText() : "0x" + hex.asText();
        if (text.length() == 2) {
            return null; // an interface or abstract contract: nothing to deploy
        }
        try {
            return Bytes.of(text);
        } catch (EthbusException e) {
            // Unlinked library placeholders (__$...$__) are not hex: such code cannot be deployed as is.
            throw new AbiException("artifact bytecode is not hex (unlinked libraries?): " + e.getMessage(), e);
        }
    }
}
