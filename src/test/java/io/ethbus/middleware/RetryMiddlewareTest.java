package io.ethbus.middleware;

import io.ethbus.rpc.RetryPolicy;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.rpc.FailureClass;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryMiddlewareTest {
    static final RpcRequest READ = new RpcRequest(7, "eth_blockNumber", null);
    static final RetryPolicy FAST = RetryPolicy.defaults().withDelays(Duration.ofMillis(1), Duration.ofMillis(5)).withJitter(0);

    Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        result(vertx.close());
    }

    /** A next layer that answers attempt n (1-based) with {@code script.apply(n)} and records when it was called. */
    static final class Scripted implements Middleware.Next {
        final IntFunction<Future<RpcResponse>> script;
        final List<Long> calledAtNanos = new ArrayList<>();

        Scripted(IntFunction<Future<RpcResponse>> script) {
            this.script = script;
        }

        @Override
        public synchronized Future<RpcResponse> handle(RpcRequest request) {
            calledAtNanos.add(System.nanoTime());
            return script.apply(calledAtNanos.size());
        }

        synchronized int calls() {
            return calledAtNanos.size();
        }

        synchronized long gapMillis(int i) {
            return (calledAtNanos.get(i) - calledAtNanos.get(i - 1)) / 1_000_000;
        }
    }

    static Future<RpcResponse> ok() {
        return Future.succeededFuture(RpcResponse.success(7, TextNode.valueOf("0x1")));
    }

    static HttpStatusException http(int status, Duration retryAfter) {
        return new HttpStatusException("eth_blockNumber", "http://127.0.0.1", status, retryAfter, "");
    }

    Future<RpcResponse> run(RetryPolicy policy, RpcRequest request, Scripted next) {
        return new RetryMiddleware(vertx, policy).handle(request, next);
    }

    @Test
    void serverErrorsAreRetriedUntilTheReadSucceeds() {
        Scripted next = new Scripted(n -> n <= 2 ? Future.failedFuture(http(503, null)) : ok());
        assertEquals("0x1", result(run(FAST, READ, next)).result().asText());
        assertEquals(3, next.calls());
    }

    @Test
    void connectionFailuresAndTimeoutsAreRetried() {
        Scripted next = new Scripted(n -> switch (n) {
            case 1 -> Future.failedFuture(new ProviderConnectionException("m", "e", "refused", null));
            case 2 -> Future.failedFuture(new ProviderTimeoutException("m", "e", Duration.ofSeconds(1), null));
            default -> ok();
        });
        assertFalse(result(run(FAST, READ, next)).isError());
        assertEquals(3, next.calls());
    }

    @Test
    void rateLimitAndLaggingNodeAnswersAreRetried() {
        for (RpcError error : List.of(new RpcError(-32005, "limit exceeded"), new RpcError(-32016, "x"),
                new RpcError(-32007, "x"), new RpcError(-32012, "x"), new RpcError(-32000, "Header not found"),
                new RpcError(429, "You hit the RATE LIMIT"))) {
            Scripted next = new Scripted(n -> n == 1 ? Future.succeededFuture(RpcResponse.failure(7, error)) : ok());
            assertFalse(result(run(FAST, READ, next)).isError(), error.toString());
            assertEquals(2, next.calls(), error.toString());
        }
    }

    @Test
    void otherErrorAnswersAndClientErrorsAreFinal() {
        Scripted revert = new Scripted(n -> Future.succeededFuture(RpcResponse.failure(7, new RpcError(3, "execution reverted"))));
        assertTrue(result(run(FAST, READ, revert)).isError());
        assertEquals(1, revert.calls());

        Scripted badRequest = new Scripted(n -> Future.failedFuture(http(400, null)));
        assertEquals(400, ((HttpStatusException) failure(run(FAST, READ, badRequest))).status());
        assertEquals(1, badRequest.calls());
    }

    @Test
    void afterTheLastAttemptTheLastErrorComesBackUnchanged() {
        List<HttpStatusException> thrown = new ArrayList<>();
        Scripted next = new Scripted(n -> {
            HttpStatusException e = http(500 + n, null);
            thrown.add(e);
            return Future.failedFuture(e);
        });
        Throwable failure = failure(run(FAST.withMaxAttempts(4), READ, next));
        assertEquals(4, next.calls());
        assertSame(thrown.get(3), failure);

        RpcResponse limited = RpcResponse.failure(7, new RpcError(-32005, "rate limited"));
        Scripted answers = new Scripted(n -> Future.succeededFuture(limited));
        assertSame(limited, result(run(FAST.withMaxAttempts(3), READ, answers)));
        assertEquals(3, answers.calls());
    }

    @Test
    void transactionSendsAreNeverRetriedEvenWhenAllowListed() {
        RetryPolicy careless = FAST.withIdempotentMethods(Set.of("eth_sendTransaction", "eth_sendRawTransaction",
                "personal_sendTransaction", "personal_*"));
        for (String method : List.of("eth_sendTransaction", "eth_sendRawTransaction", "personal_sendTransaction",
                "personal_signAndSendTransaction")) {
            Scripted next = new Scripted(n -> Future.failedFuture(http(503, null)));
            Throwable failure = failure(run(careless, new RpcRequest(7, method, null), next));
            assertEquals(503, ((HttpStatusException) failure).status());
            assertEquals(1, next.calls(), method);
        }
        assertFalse(careless.mayRetry("eth_sendRawTransaction"));
        assertTrue(careless.mayRetry("personal_listAccounts"));
    }

    @Test
    void methodsOffTheAllowListAreNotRetried() {
        Scripted next = new Scripted(n -> Future.failedFuture(http(503, null)));
        failure(run(FAST, new RpcRequest(7, "eth_newFilter", null), next));
        assertEquals(1, next.calls());
        assertTrue(FAST.mayRetry("net_version"));
        assertTrue(FAST.mayRetry("eth_getBlockByNumber"));
        assertFalse(FAST.mayRetry("eth_sign"));
    }

    @Test
    void backoffDoublesUpToTheCeiling() {
        RetryPolicy policy = RetryPolicy.defaults().withJitter(0);
        assertEquals(Duration.ofMillis(100), policy.backoff(1, 0.5));
        assertEquals(Duration.ofMillis(200), policy.backoff(2, 0.5));
        assertEquals(Duration.ofMillis(400), policy.backoff(3, 0.5));
        assertEquals(Duration.ofSeconds(5), policy.backoff(10, 0.5));
        RetryPolicy jittery = policy.withJitter(0.5);
        assertEquals(Duration.ofMillis(50), jittery.backoff(1, 0.0));
        assertEquals(Duration.ofMillis(149), jittery.backoff(1, 0.999));
    }

    @Test
    void waitsGrowBetweenAttempts() {
        RetryPolicy policy = RetryPolicy.defaults().withDelays(Duration.ofMillis(40), Duration.ofSeconds(1)).withJitter(0);
        Scripted next = new Scripted(n -> n <= 3 ? Future.failedFuture(http(502, null)) : ok());
        result(run(policy, READ, next));
        assertEquals(4, next.calls());
        long[] expected = {40, 80, 160};
        for (int i = 1; i <= 3; i++) {
            long gap = next.gapMillis(i);
            assertTrue(gap >= expected[i - 1], "gap " + i + " was " + gap + " ms");
            assertTrue(gap < expected[i - 1] + 1000, "gap " + i + " was " + gap + " ms");
        }
        assertTrue(next.gapMillis(3) > next.gapMillis(1));
    }

    @Test
    void retryAfterIsHonouredAndClamped() {
        RetryPolicy policy = FAST.withMaxRetryAfter(Duration.ofMillis(150));
        Scripted clamped = new Scripted(n -> n == 1 ? Future.failedFuture(http(429, Duration.ofSeconds(60))) : ok());
        result(run(policy, READ, clamped));
        assertTrue(clamped.gapMillis(1) >= 150 && clamped.gapMillis(1) < 5_000, "waited " + clamped.gapMillis(1));

        Scripted honoured = new Scripted(n -> n == 1 ? Future.failedFuture(http(429, Duration.ofSeconds(1))) : ok());
        result(run(FAST, READ, honoured));
        assertTrue(honoured.gapMillis(1) >= 1000 && honoured.gapMillis(1) < 10_000, "waited " + honoured.gapMillis(1));
    }

    @Test
    void theWaitIsTheLongerOfBackoffAndClampedRetryAfter() {
        RetryPolicy policy = RetryPolicy.defaults().withJitter(0);
        assertEquals(Duration.ofMillis(400), policy.delay(3, 0.5, FailureClass.of(http(429, Duration.ofMillis(10)))));
        assertEquals(Duration.ofSeconds(2), policy.delay(3, 0.5, FailureClass.of(http(503, Duration.ofSeconds(2)))));
        assertEquals(Duration.ofSeconds(30), policy.delay(3, 0.5, FailureClass.of(http(429, Duration.ofSeconds(90)))));
        assertEquals(Duration.ofMillis(400), policy.delay(3, 0.5, FailureClass.of(http(502, null))));
    }

    @Test
    void policyRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withMaxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withJitter(1.5));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.defaults().withDelays(Duration.ofMillis(-1), Duration.ZERO));
    }
}
