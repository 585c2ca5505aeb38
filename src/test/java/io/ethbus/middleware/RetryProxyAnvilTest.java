package io.ethbus.middleware;

import io.ethbus.rpc.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Retry through a real HTTP path: a local proxy in front of anvil answers 429 (Retry-After: 0)
 * a set number of times, then passes requests through.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryProxyAnvilTest {
    Vertx vertx;
    HttpServer proxy;
    HttpProvider provider;
    RpcCaller caller;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger refusalsLeft = new AtomicInteger();

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        WebClient upstream = WebClient.create(vertx);
        proxy = result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            requests.incrementAndGet();
            if (refusalsLeft.getAndDecrement() > 0) {
                req.response().setStatusCode(429).putHeader("Retry-After", "0").end("slow down");
                return;
            }
            upstream.postAbs(chain.httpUrl()).putHeader("Content-Type", "application/json").sendBuffer(body)
                    .onSuccess(answer -> req.response().setStatusCode(answer.statusCode())
                            .putHeader("Content-Type", "application/json")
                            .end(answer.bodyAsBuffer() == null ? Buffer.buffer() : answer.bodyAsBuffer()))
                    .onFailure(e -> req.response().setStatusCode(502).end());
        })).listen(0, "127.0.0.1"));
        provider = new HttpProvider(vertx, HttpProviderOptions.of("http://127.0.0.1:" + proxy.actualPort()));
        RetryPolicy policy = RetryPolicy.defaults().withDelays(Duration.ofMillis(5), Duration.ofMillis(50));
        caller = new RpcCaller(new Onion().add(new RetryMiddleware(vertx, policy), "retry").around(provider));
    }

    @AfterAll
    void stop() {
        result(provider.close());
        result(proxy.close());
        result(vertx.close());
    }

    @BeforeEach
    void refuseTwice() {
        requests.set(0);
        refusalsLeft.set(2);
    }

    @Test
    void idempotentReadSucceedsOnTheThirdTry() {
        JsonNode chainId = result(caller.request("eth_chainId"));
        assertEquals(31337, Long.decode(chainId.asText()));
        assertEquals(3, requests.get());
    }

    @Test
    void transactionSendIsAttemptedOnce() {
        String from = result(caller.request("eth_accounts")).get(0).asText();
        refuseTwice();
        var tx = JsonRpcCodec.mapper().createObjectNode().put("from", from).put("to", from).put("value", "0x1");
        Throwable failure = failure(caller.request("eth_sendTransaction", tx));
        assertEquals(429, assertInstanceOf(HttpStatusException.class, failure).status());
        assertEquals(1, requests.get());
    }
}
