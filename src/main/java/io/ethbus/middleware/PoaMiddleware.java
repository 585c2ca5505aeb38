package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.ResultShape;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;


/**
 * Makes the blocks of proof-of-authority chains (clique: 32 bytes of vanity plus a 65-byte
 * signer seal) look like ordinary blocks: an {@code extraData} longer than 32 bytes moves to
 * {@code proofOfAuthorityData}, as web3.py's ExtraDataToPOAMiddleware does. Applies to the
 * results of the methods whose {@link ResultShape} is a block (eth_getBlockByNumber and
 * eth_getBlockByHash), a single block or an array of them.
 * Results are copied, never changed in place, because a cache may hold the original.
 */
public final class PoaMiddleware implements Middleware {
    /** "0x" and two digits for each of the 32 bytes that an Ethereum header allows. */
    private static final int MAX_PLAIN_EXTRA_DATA_CHARS = 2 + 2 * 32;

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        RpcMethod method = RpcMethod.find(request.method());
        if (method == null || method.result() != ResultShape.BLOCK) {
            return next.handle(request);
        }
        return next.handle(request).map(response -> response.isError()
                ? response
                : RpcResponse.success(response.id(), moveExtraData(response.result())));
    }

    /** The block (or array of blocks) with an oversized extraData moved; the same node when there is none. */
    static JsonNode moveExtraData(JsonNode result) {
        if (result.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(result.size());
            result.forEach(element -> out.add(moveExtraData(element)));
            return out;
        }
        if (!result.isObject()) {
            return result;
        }
        JsonNode extraData = result.get("extraData");
        if (extraData == null || !extraData.isTextual() || extraData.textValue().length() <= MAX_PLAIN_EXTRA_DATA_CHARS) {
            return result;
        }
        // A shallow copy: the fields are shared, only the top-level object is new.
        ObjectNode block = JsonNodeFactory.instance.objectNode();
        block.setAll((ObjectNode) result);
        block.remove("extraData");
        block.set("proofOfAuthorityData", extraData);
        return block;
    }
}
