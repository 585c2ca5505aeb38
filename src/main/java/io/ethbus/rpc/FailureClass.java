package io.ethbus.rpc;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a failed call means, the one reading of every failure ethbus meets: the retry layer,
 * the routing over several URLs, the log-range scanner and the crawler each act on it in
 * their own way. The facts are independent; an ambiguous code may set several (-32005 is a
 * rate limit with some providers and a result-size limit with others: a caller that can ask
 * for less does, one that cannot waits and asks again).
 *
 * <pre>
 * FailureClass f = FailureClass.of(cause);
 * if (f.tooLarge()) { narrow(); } else if (f.retryable()) { retryAfter(f.retryAfter().orElse(backoff)); }
 * </pre>
 *
 * @param retryable      the same call may succeed when asked again a little later
 * @param retryAfter     how long the server asked to wait (HTTP Retry-After), when it did
 * @param overload       the node is rate limiting or struggling: send less, more slowly
 * @param tooLarge       the answer (or the request) was too large: asking for less may succeed
 * @param failoverWorthy the URL, not the call, is at fault: another endpoint may answer
 * @param methodMissing  the node does not offer the method: only another method can help
 * @param serverError    an implementation-defined server error (-32000..-32099) nothing above
 *                       names: passing for a plain read now and then ("missing trie node" on a
 *                       pruning node catching up), final for most calls (geth's "execution
 *                       reverted", "insufficient funds"); only a caller that knows its calls
 *                       are plain reads retries it
 */
public record FailureClass(boolean retryable, Optional<Duration> retryAfter, boolean overload, boolean tooLarge,
                           boolean failoverWorthy, boolean methodMissing, boolean serverError) {

    /** "[0x1, 0x2]": the block range some providers suggest in the message refusing a wider one. */
    public static final Pattern SUGGESTED_RANGE =
            Pattern.compile("\\[\\s*(0x[0-9a-fA-F]+)\\s*,\\s*(0x[0-9a-fA-F]+)\\s*]");

    private static final FailureClass FINAL = new FailureClass(false, Optional.empty(), false, false, false, false, false);

    /** Classifies a failed call; anything not an ethbus failure ethbus knows is final. */
    public static FailureClass of(Throwable failure) {
        if (failure instanceof RpcException rpc) {
            return of(rpc.error());
        }
        if (failure instanceof HttpStatusException http) {
            return ofHttp(http.status(), http.retryAfter());
        }
        // a connection refused or dropped: passing (a restart, a proxy), and the URL's fault
        if (failure instanceof ProviderConnectionException) {
            return new FailureClass(true, Optional.empty(), false, false, true, false, false);
        }
        // no answer in time: the node is slow, most often under load; the URL's fault as far as the call can tell
        if (failure instanceof ProviderTimeoutException) {
            return new FailureClass(true, Optional.empty(), true, false, true, false, false);
        }
        // a garbled answer, or one that is not for the call asked (a broken proxy, a lagging replica): asked again
        if (failure instanceof MalformedResponseException) {
            return new FailureClass(true, Optional.empty(), false, false, true, false, false);
        }
        // an answer past the memory ceiling: the same call brings the same answer anywhere, a smaller one fits
        if (failure instanceof PayloadTooLargeException) {
            return new FailureClass(false, Optional.empty(), false, true, false, false, false);
        }
        return FINAL;
    }

    /** Classifies a JSON-RPC error object, as an error answer or inside an {@link RpcException}. */
    public static FailureClass of(RpcError error) {
        int code = error.code();
        String m = error.message().toLowerCase(Locale.ROOT);
        boolean sizeMessage = m.contains("query returned more than") || m.contains("block range")
                || m.contains("range too large") || m.contains("too large") || m.contains("response size");
        // -32005 "limit exceeded" (EIP-1474): a request-rate limit with some providers, a result-size limit with others
        boolean limitExceeded = code == -32005 || m.contains("limit exceeded");
        boolean rateLimited = (limitExceeded && !sizeMessage)
                || code == 429           // a provider that puts the HTTP status in the JSON-RPC code
                || code == -32007        // "request limit reached" (QuickNode): too many requests per second
                // providers' own limit codes, meant differently by each (credits, ranges, keys): asked again after a pause
                || code == -32012 || code == -32016
                // EIP-1474 "transaction rejected"; a read sends no transaction, so a refusal over the provider's limits
                || code == -32003
                || m.contains("rate limit") || m.contains("too many requests") || m.contains("request limit");
        boolean tooLarge = limitExceeded || sizeMessage
                || m.contains("too many")  // "too many results", "too many blocks" (and "too many requests": less also helps)
                // -32602 invalid params, with a narrower range suggested: the range was the trouble
                || (code == -32602 && SUGGESTED_RANGE.matcher(m).find());
        // a node behind the chain has not seen the block yet; it will
        boolean lagging = m.contains("header not found") || m.contains("unknown block");
        // -32601 (JSON-RPC 2.0) and -32004 (EIP-1474): the method is not there
        boolean methodMissing = !rateLimited && !tooLarge && (code == -32601 || code == -32004
                || m.contains("method not found") || m.contains("not supported"));
        // -32002 resource unavailable (EIP-1474): passing by definition
        boolean retryable = rateLimited || lagging || code == -32002;
        boolean serverError = !retryable && !methodMissing && code <= -32000 && code >= -32099;
        return new FailureClass(retryable, Optional.empty(), rateLimited, tooLarge, false, methodMissing, serverError);
    }

    /**
     * 429 too many requests and 503 unavailable: the server sheds load, wait (as long as it asks);
     * 413: the request body was too large, a smaller batch fits; other 5xx: the server or a
     * gateway before it failed, passing and the URL's fault; other 4xx: the request is wrong.
     */
    private static FailureClass ofHttp(int status, Optional<Duration> retryAfter) {
        boolean overload = status == 429 || status == 503;
        boolean passing = status == 429 || status >= 500;
        return new FailureClass(passing, retryAfter, overload, status == 413, passing, false, false);
    }
}
