package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.ParamKind;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;

import java.util.List;

/**
 * Checks a request's params where {@link RpcMethod} says what they are: a block must parse (as
 * a number, a tag or an EIP-1898 object), an address must be valid (a wrong EIP-55 checksum
 * fails with {@code InvalidAddressException} naming it), and so must the addresses and blocks
 * in a transaction or a log filter. Params left out or null are the node's to judge.
 */
final class RequestParamsCheck {
    private RequestParamsCheck() {
    }

    /** Throws the typed error of the first bad param; returns when all are fine. */
    static void check(RpcRequest request) {
        RpcMethod method = RpcMethod.find(request.method());
        if (method == null) {
            return;
        }
        List<ParamKind> kinds = method.params();
        for (int i = 0; i < kinds.size(); i++) {
            JsonNode value = request.params().get(i);
            if (value == null || value.isNull()) {
                continue;
            }
            switch (kinds.get(i)) {
                case ADDRESS -> Address.of(value.asText());
                case BLOCK, BLOCK_OR_LATEST -> checkBlock(value);
                case FILTER -> checkFilter(value);
                case TRANSACTION -> {
                    checkAddressField(value, "from");
                    checkAddressField(value, "to");
                }
                case OTHER -> {
                }
            }
        }
    }

    private static void checkBlock(JsonNode block) {
        if (block.isObject()) {
            // EIP-1898: {"blockHash": ..., "requireCanonical": ...} or {"blockNumber": ...}
            if (block.hasNonNull("blockHash")) {
                Hash.of(block.get("blockHash").asText());
            }
            if (block.hasNonNull("blockNumber")) {
                BlockId.parse(block.get("blockNumber").asText());
            }
        } else {
            BlockId.parse(block.asText());
        }
    }

    private static void checkFilter(JsonNode filter) {
        for (String field : List.of("fromBlock", "toBlock")) {
            if (filter.hasNonNull(field)) {
                BlockId.parse(filter.get(field).asText());
            }
        }
        if (filter.hasNonNull("blockHash")) {
            Hash.of(filter.get("blockHash").asText());
        }
        JsonNode address = filter.get("address");
        if (address != null && address.isArray()) {
            address.forEach(a -> Address.of(a.asText()));
        } else if (address != null && !address.isNull()) {
            Address.of(address.asText());
        }
    }

    private static void checkAddressField(JsonNode object, String field) {
        if (object.hasNonNull(field)) {
            Address.of(object.get(field).asText());
        }
    }
}
