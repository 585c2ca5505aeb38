package io.ethbus.rpc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureClassTest {
    static FailureClass rpc(int code, String message) {
        return FailureClass.of(new RpcException("eth_getLogs", "http://127.0.0.1", new RpcError(code, message)));
    }

    static FailureClass http(int status, Duration retryAfter) {
        return FailureClass.of(new HttpStatusException("eth_blockNumber", "http://127.0.0.1", status, retryAfter, ""));
    }

    @Test
    void transportFailuresAreRetryableAndTheUrlsFault() {
        FailureClass refused = FailureClass.of(new ProviderConnectionException("m", "e", "refused", null));
        assertTrue(refused.retryable() && refused.failoverWorthy() && !refused.overload());
        FailureClass slow = FailureClass.of(new ProviderTimeoutException("m", "e", Duration.ofSeconds(1), null));
        assertTrue(slow.retryable() && slow.failoverWorthy() && slow.overload());
        FailureClass garbled = FailureClass.of(new MalformedResponseException("m", "e", "not JSON"));
        assertTrue(garbled.retryable() && garbled.failoverWorthy());
    }

    @Test
    void anAnswerPastTheCeilingIsTooLargeNotRetryableAnywhere() {
        FailureClass big = FailureClass.of(new PayloadTooLargeException("m", "e", 20 << 20, 16 << 20));
        assertTrue(big.tooLarge());
        assertFalse(big.retryable() || big.failoverWorthy());
    }

    @Test
    void httpStatusesSayWhoIsAtFaultAndHowLongToWait() {
        FailureClass limited = http(429, Duration.ofSeconds(7));
        assertTrue(limited.retryable() && limited.overload() && limited.failoverWorthy());
        assertEquals(Optional.of(Duration.ofSeconds(7)), limited.retryAfter());
        assertTrue(http(503, null).overload());
        FailureClass badGateway = http(502, null);
        assertTrue(badGateway.retryable() && badGateway.failoverWorthy() && !badGateway.overload());
        FailureClass tooBig = http(413, null);
        assertTrue(tooBig.tooLarge() && !tooBig.retryable());
        FailureClass badRequest = http(400, null);
        assertFalse(badRequest.retryable() || badRequest.failoverWorthy() || badRequest.tooLarge());
    }

    @Test
    void rateLimitsAreRetryableAndSayOverload() {
        for (FailureClass f : new FailureClass[]{rpc(-32005, "limit exceeded"), rpc(-32016, "x"), rpc(-32007, "x"),
                rpc(-32012, "x"), rpc(429, "You hit the RATE LIMIT"), rpc(-32000, "too many requests")}) {
            assertTrue(f.retryable() && f.overload(), f.toString());
            assertFalse(f.failoverWorthy(), f.toString());
        }
    }

    @Test
    void sizeRefusalsAreTooLargeAndOnlyAmbiguousOnesAreRetried() {
        FailureClass range = rpc(-32005, "query exceeds max block range 100");
        assertTrue(range.tooLarge());
        assertFalse(range.retryable(), "asking the same range again brings the same refusal");
        assertTrue(rpc(-32005, "query returned more than 10000 results").tooLarge());
        assertTrue(rpc(-32000, "too many logs").tooLarge());
        assertTrue(rpc(-32602, "Log response size exceeded. this block range should work: [0x1, 0x2f]").tooLarge());
        assertFalse(rpc(-32602, "invalid argument 0: hex string without 0x prefix").tooLarge());
        FailureClass ambiguous = rpc(-32005, "limit exceeded");
        assertTrue(ambiguous.tooLarge() && ambiguous.retryable());
    }

    @Test
    void missingMethodsLaggingNodesAndServerErrors() {
        assertTrue(rpc(-32601, "the method eth_getBlockReceipts does not exist/is not available").methodMissing());
        assertTrue(rpc(-32004, "x").methodMissing());
        assertFalse(rpc(-32601, "rate limit").methodMissing());
        FailureClass lagging = rpc(-32000, "header not found");
        assertTrue(lagging.retryable() && !lagging.serverError());
        FailureClass other = rpc(-32000, "execution reverted");
        assertTrue(other.serverError());
        assertFalse(other.retryable());
        FailureClass revert = rpc(3, "execution reverted");
        assertFalse(revert.retryable() || revert.serverError() || revert.tooLarge() || revert.methodMissing());
    }

    @Test
    void unknownFailuresAreFinal() {
        FailureClass f = FailureClass.of(new IllegalStateException("bug"));
        assertFalse(f.retryable() || f.overload() || f.tooLarge() || f.failoverWorthy() || f.methodMissing());
    }
}
