package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A chain-id look-up that fails at once gives its own error, and the next call asks again. */
class ValidationChainIdFailureTest {
    @Test
    void anImmediateFailureIsReportedAndNotRemembered() {
        AtomicInteger asked = new AtomicInteger();
        Middleware.Next next = request -> {
            if (request.method().equals("eth_chainId") && asked.incrementAndGet() == 1) {
                return Future.failedFuture(new ProviderConnectionException("eth_chainId", "test", "down", null));
            }
            return Future.succeededFuture(RpcResponse.success(request.id(),
                    TextNode.valueOf(request.method().equals("eth_chainId") ? "0x7a69" : "0xabc")));
        };
        ValidationMiddleware validation = new ValidationMiddleware();
        RpcRequest send = new RpcRequest(1, "eth_sendTransaction", JsonRpcCodec.params(JsonRpcCodec.mapper().createObjectNode()
                .put("from", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266").put("chainId", "0x7a69")));
        assertInstanceOf(ProviderConnectionException.class, failure(validation.handle(send, next)));
        assertEquals("0xabc", result(validation.handle(send, next)).result().asText());
        assertEquals(2, asked.get());
    }
}
