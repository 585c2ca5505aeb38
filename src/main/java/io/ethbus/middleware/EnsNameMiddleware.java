package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.ens.EnsResolver;
import io.ethbus.ens.EnsName;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Client-onion layer that lets ENS names stand where addresses go, in the methods whose first
 * param {@link RpcMethod} names a transaction, an address or a filter: {@code from}/{@code to}
 * of a transaction (eth_sendTransaction, eth_call, eth_estimateGas, eth_createAccessList), the
 * address param (eth_getBalance, eth_getCode, eth_getTransactionCount, eth_getStorageAt,
 * eth_getProof), and the {@code address} of a log filter (eth_getLogs, eth_newFilter). A value
 * there with a '.' is a name (an address never has one), in any script ENSIP-15 allows; it is
 * normalised with ENSIP-15, and one the standard rejects fails the request with
 * {@link io.ethbus.ens.InvalidEnsNameException} before it reaches the node. Names
 * are resolved through the layers below, on chain id 1 only; on any other chain a name is an
 * {@link InvalidAddressException} naming it, as web3.py does. The chain id is asked once.
 *
 * <pre>client.middlewareOnion().add(new EnsNameMiddleware(), "ens")</pre>
 */
public final class EnsNameMiddleware implements Middleware {
    private final LayerCalls calls = new LayerCalls(LayerCalls.ENS);
    private final NodeChainId chainId = new NodeChainId(calls);

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        List<TextNode> names = namesIn(request);
        if (names.isEmpty()) {
            return next.handle(request);
        }
        return chainId.get(next).compose(id -> {
            if (!BigInteger.ONE.equals(id)) {
                return Future.failedFuture(new InvalidAddressException("'" + names.get(0).asText()
                        + "' is an ENS name, and names are resolved on mainnet (chain id 1) only; this chain is " + id));
            }
            EnsResolver ens = new EnsResolver(new RpcCaller(calls.over(next, "ens")));
            ArrayNode params = request.params().deepCopy();
            List<Future<Void>> resolved = new ArrayList<>();
            for (JsonNode slot : slots(request.method(), params)) {
                resolved.add(resolveIn(slot, ens));
            }
            return Future.all(resolved).compose(v -> next.handle(request.withParams(params)));
        });
    }

    /** The names a request carries, in the positions this layer resolves. */
    private static List<TextNode> namesIn(RpcRequest request) {
        List<TextNode> names = new ArrayList<>();
        for (JsonNode slot : slots(request.method(), request.params())) {
            collect(slot, names);
        }
        return names;
    }

    /**
     * The places that may hold a name: for a transaction its object, for an address method the
     * params array (position 0), for a filter its object.
     */
    private static List<JsonNode> slots(String method, ArrayNode params) {
        RpcMethod known = RpcMethod.find(method);
        if (params.isEmpty() || known == null || known.params().isEmpty()) {
            return List.of();
        }
        return switch (known.params().get(0)) {
            case ADDRESS -> List.of(params);
            case TRANSACTION, FILTER -> List.of(params.get(0));
            default -> List.of();
        };
    }

    private static void collect(JsonNode slot, List<TextNode> names) {
        for (JsonNode value : candidates(slot)) {
            if (value.isTextual() && EnsName.looksLikeName(value.asText())) {
                names.add((TextNode) value);
            }
        }
    }

    private static List<JsonNode> candidates(JsonNode slot) {
        List<JsonNode> out = new ArrayList<>();
        if (slot.isArray()) {
            out.add(slot.get(0)); // an address method: the address is the first param
        } else if (slot.isObject()) {
            for (String field : List.of("from", "to")) {
                if (slot.has(field)) {
                    out.add(slot.get(field));
                }
            }
            JsonNode address = slot.get("address");
            if (address != null && address.isArray()) {
                address.forEach(out::add);
            } else if (address != null) {
                out.add(address);
            }
        }
        return out;
    }

    /** Replaces each name in {@code slot} by its address. */
    private static Future<Void> resolveIn(JsonNode slot, EnsResolver ens) {
        List<Future<Void>> done = new ArrayList<>();
        if (slot.isArray()) {
            JsonNode first = slot.get(0);
            if (first.isTextual() && EnsName.looksLikeName(first.asText())) {
                done.add(ens.address(first.asText()).map(a -> {
                    ((ArrayNode) slot).set(0, TextNode.valueOf(a.toChecksumHex()));
                    return null;
                }));
            }
        } else if (slot.isObject()) {
            ObjectNode o = (ObjectNode) slot;
            for (String field : List.of("from", "to", "address")) {
                JsonNode v = o.get(field);
                if (v != null && v.isTextual() && EnsName.looksLikeName(v.asText())) {
                    done.add(ens.address(v.asText()).map(a -> {
                        o.put(field, a.toChecksumHex());
                        return null;
                    }));
                } else if (v != null && v.isArray()) {
                    ArrayNode list = (ArrayNode) v;
                    for (int i = 0; i < list.size(); i++) {
                        int at = i;
                        if (list.get(i).isTextual() && EnsName.looksLikeName(list.get(i).asText())) {
                            done.add(ens.address(list.get(i).asText()).map(a -> {
                                list.set(at, TextNode.valueOf(a.toChecksumHex()));
                                return null;
                            }));
                        }
                    }
                }
            }
        }
        return Future.all(done).mapEmpty();
    }
}
