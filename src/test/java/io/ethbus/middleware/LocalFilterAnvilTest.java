package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Hex;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static io.ethbus.testsupport.Await.failure;
import io.ethbus.testsupport.Mined;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local filters over a real anvil: each poll reports the new logs or blocks exactly once. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalFilterAnvilTest {
    /** Runtime code: emits LOG1(calldata, keccak("Transfer(address,address,uint256)")) (see EthClientAnvilTest). */
    static final String TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    static final String RUNTIME = "36600060003733" + "7f" + TOPIC + "366000a200";
    static final String INIT = "602d80600b6000396000f3";
    static final Set<String> FILTER_METHODS = Set.of("eth_newFilter", "eth_newBlockFilter", "eth_getFilterChanges",
            "eth_getFilterLogs", "eth_uninstallFilter");

    Vertx vertx;
    HttpProvider provider;
    RpcCaller plain;
    RpcCaller filtered;
    final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
    String alice;
    String contract;
    long deployBlock;

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        plain = new RpcCaller(provider);
        Onion onion = new Onion()
                .add((request, next) -> {
                    forwarded.add(request.method());
                    return next.handle(request);
                }, "recorder")
                .add(new LocalFilterMiddleware(), "filters");
        filtered = new RpcCaller(onion.around(provider));
        alice = result(plain.request("eth_accounts")).get(0).asText();
        ObjectNode deploy = JsonRpcCodec.mapper().createObjectNode().put("from", alice).put("input", "0x" + INIT + RUNTIME);
        JsonNode receipt = Mined.receipt(plain, result(plain.request("eth_sendTransaction", deploy)).asText());
        contract = receipt.get("contractAddress").asText();
        deployBlock = Hex.toLong(receipt.get("blockNumber").asText());
    }

    @AfterAll
    void stop() {
        result(provider.close());
        result(vertx.close());
    }

    String emit(String data) {
        ObjectNode tx = JsonRpcCodec.mapper().createObjectNode().put("from", alice).put("to", contract).put("input", data);
        String hash = result(plain.request("eth_sendTransaction", tx)).asText();
        Mined.receipt(plain, hash);
        return hash;
    }

    List<String> txHashes(JsonNode logs) {
        List<String> out = new ArrayList<>();
        logs.forEach(l -> out.add(l.get("transactionHash").asText()));
        return out;
    }

    @Test
    void logFilterReportsEachNewLogOnce() {
        ObjectNode criteria = JsonRpcCodec.mapper().createObjectNode().put("address", contract);
        String id = result(filtered.request("eth_newFilter", criteria)).asText();
        assertEquals(0, result(filtered.request("eth_getFilterChanges", id)).size());

        List<String> sent = List.of(emit("0x01"), emit("0x0202"));
        assertEquals(sent, txHashes(result(filtered.request("eth_getFilterChanges", id))));
        assertEquals(0, result(filtered.request("eth_getFilterChanges", id)).size());
        result(plain.request("anvil_mine", "0x2"));
        assertEquals(0, result(filtered.request("eth_getFilterChanges", id)).size());

        String third = emit("0x03");
        assertEquals(List.of(third), txHashes(result(filtered.request("eth_getFilterChanges", id))));

        ObjectNode fromDeploy = criteria.deepCopy().put("fromBlock", Hex.quantity(deployBlock));
        String all = result(filtered.request("eth_newFilter", fromDeploy)).asText();
        List<String> everything = txHashes(result(filtered.request("eth_getFilterLogs", all)));
        assertTrue(everything.containsAll(List.of(sent.get(0), sent.get(1), third)), everything.toString());

        assertTrue(result(filtered.request("eth_uninstallFilter", id)).asBoolean());
        assertFalse(result(filtered.request("eth_uninstallFilter", id)).asBoolean());
        assertFalse(forwarded.stream().anyMatch(FILTER_METHODS::contains), forwarded.toString());
    }

    @Test
    void blockFilterReportsNewBlockHashesOnce() {
        String id = result(filtered.request("eth_newBlockFilter")).asText();
        result(plain.request("anvil_mine", "0x3"));
        long head = Hex.toLong(result(plain.request("eth_blockNumber")).asText());
        List<String> expected = new ArrayList<>();
        for (long n = head - 2; n <= head; n++) {
            expected.add(result(plain.request("eth_getBlockByNumber", Hex.quantity(n), false)).get("hash").asText());
        }
        List<String> reported = new ArrayList<>();
        result(filtered.request("eth_getFilterChanges", id)).forEach(h -> reported.add(h.asText()));
        assertEquals(expected, reported);
        assertEquals(0, result(filtered.request("eth_getFilterChanges", id)).size());
        assertTrue(result(filtered.request("eth_uninstallFilter", id)).asBoolean());
        assertFalse(forwarded.stream().anyMatch(FILTER_METHODS::contains), forwarded.toString());
    }

    @Test
    void unknownFilterIsAnsweredLikeANode() {
        RpcException e = assertInstanceOf(RpcException.class, failure(filtered.request("eth_getFilterChanges", "0xdead")));
        assertEquals(-32000, e.code());
        assertEquals("filter not found", e.rpcMessage());
        String blocks = result(filtered.request("eth_newBlockFilter")).asText();
        assertEquals(-32000, assertInstanceOf(RpcException.class, failure(filtered.request("eth_getFilterLogs", blocks))).code());
    }

    @Test
    void aNodeThatWentBackIsFollowedFromItsNewHead() {
        long[] head = {100};
        Middleware.Next node = request -> Future.succeededFuture(RpcResponse.success(request.id(), switch (request.method()) {
            case "eth_blockNumber" -> TextNode.valueOf(Hex.quantity(head[0]));
            case "eth_getBlockByNumber" -> JsonRpcCodec.mapper().createObjectNode()
                    .put("hash", "hash-" + Hex.toLong(request.params().get(0).asText()));
            default -> throw new AssertionError(request.method());
        }));
        LocalFilterMiddleware filters = new LocalFilterMiddleware();
        String id = result(filters.handle(new RpcRequest(1, "eth_newBlockFilter", null), node)).result().asText();
        head[0] = 102;
        assertEquals("[\"hash-101\",\"hash-102\"]", changes(filters, id, node).toString());
        head[0] = 3; // restarted with a fresh chain
        assertEquals("[]", changes(filters, id, node).toString());
        head[0] = 4;
        assertEquals("[\"hash-4\"]", changes(filters, id, node).toString());
    }

    static JsonNode changes(LocalFilterMiddleware filters, String id, Middleware.Next node) {
        return result(filters.handle(new RpcRequest(2, "eth_getFilterChanges", JsonRpcCodec.params(id)), node)).result();
    }
}
