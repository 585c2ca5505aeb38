package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ethbus.primitives.BlockId;
import io.ethbus.rpc.EthbusException;

/**
 * How a call names its block, as far as caching cares: pinned to one block (a number or a
 * hash, whose answer does not move with the head), at the head, or anything else.
 */
enum BlockParam {
    /** The call has no block param; nodes then answer at latest. */
    ABSENT,
    /** An explicit number or hash, plain or as an EIP-1898 object. */
    PINNED,
    LATEST,
    PENDING,
    /** earliest, safe or finalized: answers that move on their own schedule. */
    OTHER_TAG,
    /** Not a block id at all; left to the node to refuse. */
    INVALID;

    /** Classifies {@code params[index]}. */
    static BlockParam of(ArrayNode params, int index) {
        JsonNode param = params.get(index);
        if (param == null || param.isNull()) {
            return ABSENT;
        }
        if (param.isObject()) {
            if (param.hasNonNull("blockHash")) {
                return PINNED;
            }
            JsonNode number = param.get("blockNumber");
            return number != null && number.isTextual() ? ofText(number.textValue()) : INVALID;
        }
        return param.isTextual() ? ofText(param.textValue()) : INVALID;
    }

    private static BlockParam ofText(String text) {
        BlockId id;
        try {
            id = BlockId.parse(text);
        } catch (EthbusException e) {
            return INVALID;
        }
        if (id == BlockId.LATEST) {
            return LATEST;
        }
        if (id == BlockId.PENDING) {
            return PENDING;
        }
        return id instanceof BlockId.Tag ? OTHER_TAG : PINNED;
    }
}
