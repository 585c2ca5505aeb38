package io.ethbus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.FailureClass;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One logical endpoint over several URLs. {@link RoutingMode#FALLBACK} uses the best healthy
 * URL and moves on when it fails; {@link RoutingMode#SPREAD} shares calls by weight. Each URL
 * has a {@link CircuitBreaker}: a URL that keeps failing is ejected and probed back in later.
 * An idempotent read that fails on one URL (connection, timeout, HTTP 429/5xx, malformed
 * answer) is tried on the next; a transaction send goes to exactly one URL and is never
 * resent. Methods given a quorum are asked of every healthy URL at once and answered by the
 * value at least {@code n} of them agree on (block numbers: the median). Used from one context only.
 *
 * <pre>new RoutingProvider(List.of(RoutedEndpoint.of(a), RoutedEndpoint.of(b)), RoutingMode.FALLBACK, RoutingProvider.Settings.defaults())</pre>
 */
public final class RoutingProvider implements Provider {
    /**
     * @param failureThreshold failures in a row that eject a URL
     * @param ejection         how long an ejected URL rests before a probe
     * @param quorum           methods answered by agreement, with the number of agreeing answers needed
     */
    public record Settings(int failureThreshold, Duration ejection, Map<String, Integer> quorum, LongSupplier nanoClock) {
        public Settings {
            quorum = Map.copyOf(quorum);
        }

        public static Settings defaults() {
            return new Settings(3, Duration.ofSeconds(10), Map.of(), System::nanoTime);
        }

        public Settings withEjection(int threshold, Duration rest) {
            return new Settings(threshold, rest, quorum, nanoClock);
        }

        public Settings withQuorum(String method, int agreeing) {
            Map<String, Integer> q = new HashMap<>(quorum);
            q.put(method, agreeing);
            return new Settings(failureThreshold, ejection, q, nanoClock);
        }
    }

    /** What the router knows of one URL. */
    public record Health(String endpoint, CircuitBreaker.State state, long calls, long failures, double latencyMillis,
                         long head, boolean lagging) {
    }

    private static final class Member {
        final RoutedEndpoint endpoint;
        final CircuitBreaker breaker;
        long head = -1;
        boolean lagging;
        long calls;
        long failures;
        double latencyMillis = -1;

        Member(RoutedEndpoint endpoint, CircuitBreaker breaker) {
            this.endpoint = endpoint;
            this.breaker = breaker;
        }
    }

    private final List<Member> members = new ArrayList<>();
    private final RoutingMode mode;
    private final Settings settings;
    private final SplittableRandom random = new SplittableRandom();
    private final String label;
    private long probeIds = 1L << 50;
    private Vertx probeVertx;
    private long probeTimer = -1;

    public RoutingProvider(List<RoutedEndpoint> endpoints, RoutingMode mode, Settings settings) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a routed endpoint needs at least one URL");
        }
        this.mode = mode;
        this.settings = settings;
        for (RoutedEndpoint e : endpoints) {
            members.add(new Member(e, new CircuitBreaker(settings.failureThreshold(), settings.ejection(), settings.nanoClock())));
        }
        this.label = "route(" + endpoints.stream().map(e -> e.provider().endpoint()).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        Integer quorum = settings.quorum().get(request.method());
        if (quorum != null) {
            return quorum(request, quorum);
        }
        return attempt(order(), 0, request.method(), RpcMethod.isIdempotent(request.method()),
                m -> m.endpoint.provider().send(request), null);
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        if (requests.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        boolean idempotent = requests.stream().allMatch(r -> RpcMethod.isIdempotent(r.method()));
        return attempt(order(), 0, "batch", idempotent, m -> m.endpoint.provider().sendBatch(requests), null);
    }

    /** The state of every URL, in configuration order. */
    public List<Health> health() {
        return members.stream().map(m -> new Health(m.endpoint.provider().endpoint(), m.breaker.state(), m.calls,
                m.failures, m.latencyMillis, m.head, m.lagging)).toList();
    }

    /**
     * Asks every URL for its head every {@code interval} (a deliberate timer) and ejects the
     * URLs more than {@code maxLagBlocks} behind the best one until they catch up. Returns the
     * timer id; {@link #close()} cancels it.
     */
    public long probeHeads(Vertx vertx, Duration interval, long maxLagBlocks) {
        probeVertx = vertx;
        probeTimer = vertx.setPeriodic(interval.toMillis(), t -> probeOnce(maxLagBlocks));
        return probeTimer;
    }

    /** One round of head probes; completes when every URL answered or failed. */
    public Future<Void> probeOnce(long maxLagBlocks) {
        List<Future<Long>> heads = new ArrayList<>();
        for (Member m : members) {
            heads.add(m.endpoint.provider().send(new RpcRequest(probeIds++, RpcMethod.ETH_BLOCK_NUMBER.wireName(), JsonRpcCodec.params())).map(r -> Hex.toLong(r.resultOrThrow(RpcMethod.ETH_BLOCK_NUMBER.wireName(), label).asText())));
        }
        return Future.join(heads).transform(ignored -> {
            long best = heads.stream().filter(Future::succeeded).mapToLong(Future::result).max().orElse(-1);
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                if (heads.get(i).succeeded()) {
                    m.head = heads.get(i).result();
                    m.lagging = best - m.head > maxLagBlocks;
                }
            }
            return Future.succeededFuture();
        });
    }

    @Override
    public String endpoint() {
        return label;
    }

    @Override
    public Future<Void> close() {
        if (probeTimer >= 0) {
            probeVertx.cancelTimer(probeTimer);
        }
        List<Future<Void>> closing = new ArrayList<>();
        members.forEach(m -> closing.add(m.endpoint.provider().close()));
        return Future.join(closing).mapEmpty();
    }

    /** Tries members in order, skipping ejected ones; an idempotent call moves on after a failover-worthy failure. */
    private <T> Future<T> attempt(List<Member> order, int index, String method, boolean idempotent,
                                  Function<Member, Future<T>> call, Throwable last) {
        for (int i = index; i < order.size(); i++) {
            Member m = order.get(i);
            if (!m.breaker.allows()) {
                continue;
            }
            int next = i + 1;
            return timed(m, call).recover(e -> idempotent && FailureClass.of(e).failoverWorthy()
                    ? attempt(order, next, method, true, call, e)
                    : Future.failedFuture(e));
        }
        return Future.failedFuture(last != null ? last
                : new ProviderConnectionException(method, label, "every URL is ejected", null));
    }

    private <T> Future<T> timed(Member m, Function<Member, Future<T>> call) {
        long start = settings.nanoClock().getAsLong();
        m.calls++;
        return call.apply(m).andThen(ar -> {
            // a failure the URL is not to blame for (an error answer, a bad request) says it works
            if (ar.succeeded() || !FailureClass.of(ar.cause()).failoverWorthy()) {
                double ms = (settings.nanoClock().getAsLong() - start) / 1e6;
                m.latencyMillis = m.latencyMillis < 0 ? ms : 0.8 * m.latencyMillis + 0.2 * ms;
                m.breaker.onSuccess();
            } else {
                m.failures++;
                m.breaker.onFailure();
            }
        });
    }

    /** Members in the order this call should try them. */
    private List<Member> order() {
        List<Member> out = new ArrayList<>(members);
        if (mode == RoutingMode.FALLBACK) {
            // A URL behind the others on the chain comes last: it serves only when nothing else can.
            out.sort(Comparator.comparing((Member m) -> m.lagging)
                    .thenComparingInt(m -> m.endpoint.priority()).thenComparing(m -> -m.endpoint.weight()));
            return out;
        }
        List<Member> current = out.stream().filter(m -> !m.lagging).toList();
        List<Member> behind = out.stream().filter(m -> m.lagging).toList();
        out = new ArrayList<>(current.isEmpty() ? behind : current);
        // SPREAD: the first pick weighted at random, the others after it as fallbacks.
        int total = out.stream().mapToInt(m -> m.endpoint.weight()).sum();
        int ticket = random.nextInt(total);
        for (int i = 0; i < out.size(); i++) {
            ticket -= out.get(i).endpoint.weight();
            if (ticket < 0) {
                out.add(0, out.remove(i));
                break;
            }
        }
        if (!current.isEmpty()) {
            out.addAll(behind);
        }
        return out;
    }

    private Future<RpcResponse> quorum(RpcRequest request, int needed) {
        List<Member> healthy = members.stream().filter(m -> m.breaker.allows()).toList();
        List<Future<RpcResponse>> answers = new ArrayList<>();
        healthy.forEach(m -> answers.add(timed(m, x -> x.endpoint.provider().send(request))));
        return Future.join(answers).transform(ignored -> {
            List<JsonNode> results = new ArrayList<>();
            answers.stream().filter(Future::succeeded).map(Future::result).filter(r -> !r.isError())
                    .forEach(r -> results.add(r.result()));
            if (results.size() < needed) {
                return Future.failedFuture(new QuorumException(request.method(), label, needed, results.size(), results.size()));
            }
            if (request.method().equals(RpcMethod.ETH_BLOCK_NUMBER.wireName())) {
                List<BigInteger> numbers = results.stream().map(n -> Hex.toBigInteger(n.asText())).sorted().toList();
                return Future.succeededFuture(RpcResponse.success(request.id(),
                        TextNode.valueOf(Hex.quantity(numbers.get((numbers.size() - 1) / 2)))));
            }
            Map<JsonNode, Integer> votes = new HashMap<>();
            results.forEach(r -> votes.merge(r, 1, Integer::sum));
            Map.Entry<JsonNode, Integer> best = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            return best.getValue() >= needed
                    ? Future.succeededFuture(RpcResponse.success(request.id(), best.getKey()))
                    : Future.failedFuture(new QuorumException(request.method(), label, needed, best.getValue(), results.size()));
        });
    }
}
