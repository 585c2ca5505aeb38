package io.ethbus.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a call is retried (by the middleware RetryMiddleware, and by the crawl with its own
 * constants): attempts, exponential backoff with jitter, the
 * ceiling on a server's Retry-After, and the methods that are safe to send again.
 * Entries of {@code idempotentMethods} ending in {@code *} match by prefix
 * ({@code "net_*"}). Transaction sends are never retried, whatever the list says.
 *
 * <pre>RetryPolicy.defaults().withMaxAttempts(3).withDelays(Duration.ofMillis(50), Duration.ofSeconds(1))</pre>
 *
 * @param maxAttempts     attempts in all, the first one included (at least 1)
 * @param baseDelay       delay before the second attempt; doubles with each further one
 * @param maxDelay        ceiling of the backoff delay
 * @param jitter          fraction (0..1) by which a delay varies at random, up or down
 * @param maxRetryAfter   ceiling on a delay the server asks for with Retry-After
 * @param idempotentMethods methods that may be sent again
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter,
                          Duration maxRetryAfter, Set<String> idempotentMethods) {

    /**
     * Reads that return the same answer when asked twice and change nothing: the reads of
     * {@link RpcMethod}, and the whole net and web3 namespaces.
     */
    public static final Set<String> DEFAULT_IDEMPOTENT_METHODS = Stream.concat(
            Stream.of(RpcMethod.values()).filter(m -> m.effect() == MethodEffect.READ).map(RpcMethod::wireName),
            Stream.of("net_*", "web3_*")).collect(Collectors.toUnmodifiableSet());

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        requireNotNegative(baseDelay, "baseDelay");
        requireNotNegative(maxDelay, "maxDelay");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        idempotentMethods = Set.copyOf(idempotentMethods);
    }

    /** 5 attempts, 100 ms doubling up to 5 s, 20 % jitter, Retry-After up to 30 s, the default reads. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5), 0.2, Duration.ofSeconds(30),
                DEFAULT_IDEMPOTENT_METHODS);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, jitter, maxRetryAfter, idempotentMethods);
    }

    public RetryPolicy withDelays(Duration base, Duration max) {
        return new RetryPolicy(maxAttempts, base, max, jitter, maxRetryAfter, idempotentMethods);
    }

    public RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, fraction, maxRetryAfter, idempotentMethods);
    }

    public RetryPolicy withMaxRetryAfter(Duration ceiling) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, jitter, ceiling, idempotentMethods);
    }

    public RetryPolicy withIdempotentMethods(Set<String> methods) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, jitter, maxRetryAfter, methods);
    }

    /** True when {@code method} may be sent again: on the allow-list and not a transaction send. */
    public boolean mayRetry(String method) {
        if (RpcMethod.sendsTransaction(method)) {
            return false;
        }
        if (idempotentMethods.contains(method)) {
            return true; // the usual case, one lookup per call; prefix entries below
        }
        for (String entry : idempotentMethods) {
            boolean match = entry.endsWith("*")
                    ? method.startsWith(entry.substring(0, entry.length() - 1))
                    : method.equals(entry);
            if (match) {
                return true;
            }
        }
        return false;
    }

    /**
     * The backoff before attempt {@code attempt + 1} after {@code attempt} failed ones:
     * {@code baseDelay * 2^(attempt-1)}, varied by the jitter, never above {@code maxDelay}.
     *
     * @param random a value in [0, 1) choosing where in the jitter band the delay falls
     */
    public Duration backoff(int attempt, double random) {
        double nominal = baseDelay.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double varied = nominal * (1 + jitter * (2 * random - 1));
        long millis = (long) Math.min(maxDelay.toMillis(), Math.max(0, varied));
        return Duration.ofMillis(millis);
    }

    /**
     * The wait before attempt {@code attempt + 1} after a failure classified as {@code failure}:
     * the backoff, or longer when the server asked for longer (Retry-After, clamped): a server
     * shedding load is not asked again before it said, and callers failing together still spread.
     */
    public Duration delay(int attempt, double random, FailureClass failure) {
        Duration backoff = backoff(attempt, random);
        return failure.retryAfter().map(this::clampRetryAfter).filter(asked -> asked.compareTo(backoff) > 0).orElse(backoff);
    }

    /** A server's Retry-After, clamped to {@code maxRetryAfter}. */
    public Duration clampRetryAfter(Duration asked) {
        return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : (asked.isNegative() ? Duration.ZERO : asked);
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }
}
