package io.ethbus.provider;

import io.ethbus.rpc.EndpointMask;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.ResponseBudget;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Provider} speaking JSON-RPC over HTTP(S) through a Vert.x {@link WebClient} with a
 * pool of keep-alive connections (TCP_NODELAY on, optional gzip).
 *
 * <p>Every failure comes back as a typed {@link EthbusException} naming the method (or the
 * batch) and the masked endpoint: {@link HttpStatusException} for a non-2xx status,
 * {@link MalformedResponseException} for an answer that is not a matching JSON-RPC response,
 * {@link ProviderTimeoutException} when no complete answer arrived within
 * {@link HttpProviderOptions#requestTimeout()}, {@link ProviderConnectionException} when the
 * connection could not be made or broke. A JSON-RPC error answer is not a failure: it comes
 * back as an {@link RpcResponse} carrying the error.
 *
 * <p>Credentials in the URL ({@code https://user:pw@host/...}) are sent as HTTP Basic
 * authentication unless an {@code Authorization} header is configured.
 *
 * <p>A provider is owned by the one verticle or client that created it and is used from that
 * one's context only; it is never shared across event loops.
 */
public final class HttpProvider implements Provider {
    private final Vertx vertx;
    private final HttpProviderOptions options;
    private final WebClientOptions clientOptions;
    private final PoolOptions poolOptions;
    /** Made by the first call ({@link #client()}); null before. */
    private volatile WebClient client;
    private final String endpoint;
    private final boolean ssl;
    private final String host;
    private final int port;
    private final String requestUri;
    private final MultiMap headers;
    private final long requestTimeoutMs;
    private final Set<String> secrets;
    /** The JVM's answer bytes being read, shared with every other reader of this Vert.x. */
    private final ResponseBudget budget;
    private volatile boolean closed;

    /** Creates the provider; its connection pool is made by the first call, which opens the first connection. */
    public HttpProvider(Vertx vertx, HttpProviderOptions options) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.options = Objects.requireNonNull(options, "options");
        this.endpoint = options.maskedUrl();
        this.budget = ResponseBudget.of(vertx);

        URI uri = URI.create(options.url());
        this.ssl = uri.getScheme().equalsIgnoreCase("https");
        this.host = stripBrackets(uri.getHost());
        this.port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        this.requestTimeoutMs = Math.max(1, options.requestTimeout().toMillis());
        this.headers = requestHeaders(options, uri.getUserInfo());
        this.secrets = secretsOf(options.url(), uri, requestUri);

        this.clientOptions = new WebClientOptions()
                .setTcpNoDelay(true) // large bodies otherwise wait ~40 ms on the peer's delayed ACK
                .setKeepAlive(true)
                .setKeepAliveTimeout(ceilSeconds(options.idleTimeout()))
                .setConnectTimeout(clampToInt(options.connectTimeout().toMillis()))
                .setDecompressionSupported(options.gzip())
                .setFollowRedirects(false);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(options.maxPoolSize());
    }

    /**
     * The connection pool, made on the first call and not in the constructor: Vert.x gives each
     * new pool a timer on a new context, which takes the next event loop in turn. Made while
     * node verticles deploy, that interleaved with the instances' own contexts and left some
     * event loops without an instance (in about two deployments of three), so callers on
     * those loops could not be served on their own loop (the bus routes a call to the node
     * instance on the caller's loop).
     */
    private WebClient client() {
        WebClient c = client;
        if (c == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("provider is closed");
                }
                c = client;
                if (c == null) {
                    c = WebClient.create(vertx, clientOptions, poolOptions);
                    client = c;
                }
            }
        }
        return c;
    }

    /** The options this provider was built with. */
    public HttpProviderOptions options() {
        return options;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        Objects.requireNonNull(request, "request");
        String method = request.method();
        byte[] body;
        try {
            body = JsonRpcCodec.encode(request);
        } catch (RuntimeException e) {
            return Future.failedFuture(new EthbusException(method, endpoint, "could not encode request: " + e, e));
        }
        return post(method, body).map(answer -> decode(method, () -> JsonRpcCodec.decodeResponse(answer, request, endpoint)));
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        String label = JsonRpcCodec.batchLabel(requests);
        Set<Long> ids = new HashSet<>(requests.size() * 2);
        for (RpcRequest r : requests) {
            if (!ids.add(r.id())) {
                // Answers are matched by id: a repeated id could never be told apart.
                return Future.failedFuture(new IllegalArgumentException(label + ": duplicate request id " + r.id()));
            }
        }
        byte[] body;
        try {
            body = JsonRpcCodec.encodeBatch(requests);
        } catch (RuntimeException e) {
            return Future.failedFuture(new EthbusException(label, endpoint, "could not encode batch: " + e, e));
        }
        return post(label, body).map(answer -> decode(label, () -> JsonRpcCodec.decodeBatch(answer, requests, endpoint)));
    }

    /** Closes the connection pool; calls still in flight fail with {@link ProviderConnectionException}. */
    @Override
    public Future<Void> close() {
        closed = true;
        try {
            WebClient c;
            synchronized (this) {
                c = client;
            }
            if (c != null) {
                c.close();
            }
            return Future.succeededFuture();
        } catch (RuntimeException e) {
            return Future.failedFuture(connectionFailure(null, e));
        }
    }

    /** Posts one encoded body and completes with the body of a 2xx answer, as the chunks it arrived in. */
    private Future<List<byte[]>> post(String label, byte[] body) {
        if (closed) {
            return Future.failedFuture(new ProviderConnectionException(label, endpoint, "provider is closed", null));
        }
        Promise<List<byte[]>> answer = Promise.promise();
        long timer = -1;
        try {
            // The request's own idle timeout closes a stalled connection; this timer bounds the
            // whole call, including a wait for a pooled connection and a slowly dripping answer.
            // WebClient gives no handle to reset the request, so a dripping answer keeps its
            // connection until the node finishes or goes quiet for the idle timeout.
            timer = vertx.setTimer(requestTimeoutMs, id -> answer.tryFail(
                    new ProviderTimeoutException(label, endpoint, options.requestTimeout(), null)));
            long timerId = timer;
            BoundedBodySink sink = new BoundedBodySink(budget, budget.ceiling(options.maxResponseBytes()),
                    options.maxResponseBytes() != HttpProviderOptions.HEAP_DERIVED, label, endpoint);
            client().request(HttpMethod.POST, port, host, requestUri)
                    .ssl(ssl)
                    .putHeaders(headers)
                    .idleTimeout(requestTimeoutMs)
                    .as(BodyCodec.pipe(sink))
                    .sendBuffer(Buffer.buffer(body))
                    .onComplete(ar -> {
                        vertx.cancelTimer(timerId);
                        try {
                            if (ar.succeeded()) {
                                completeWith(answer, label, ar.result(), sink);
                            } else {
                                sink.discard();
                                answer.tryFail(transportFailure(label, ar.cause()));
                            }
                        } catch (RuntimeException e) {
                            sink.discard();
                            // The timer is gone: whatever went wrong must still end the call.
                            answer.tryFail(new MalformedResponseException(label, endpoint,
                                    "unreadable HTTP answer (" + e.getClass().getSimpleName() + ")", null));
                        }
                    });
        } catch (RuntimeException e) {
            // Vert.x refused the call outright (closed client or Vert.x instance).
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            answer.tryFail(transportFailure(label, e));
        }
        return answer.future();
    }

    private void completeWith(Promise<List<byte[]>> answer, String label, HttpResponse<Void> response, BoundedBodySink body) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            answer.tryComplete(body.chunks());
        } else {
            Duration retryAfter = RetryAfter.parse(response.getHeader("Retry-After"), Instant.now());
            answer.tryFail(new HttpStatusException(label, endpoint, status, retryAfter, scrub(Excerpt.of(body.chunks()))));
        }
    }

    private <T> T decode(String label, DecodeStep<T> step) {
        try {
            return step.run();
        } catch (EthbusException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedResponseException(label, endpoint, "undecodable answer (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private interface DecodeStep<T> {
        T run();
    }

    /** Maps whatever Vert.x or Netty reported to the ethbus exception a caller can act on. */
    private EthbusException transportFailure(String label, Throwable failure) {
        if (failure instanceof EthbusException e) {
            return e;
        }
        if (failure instanceof TimeoutException) {
            return new ProviderTimeoutException(label, endpoint, options.requestTimeout(), safeCause(failure));
        }
        if (failure instanceof DecoderException) {
            // Netty could not decode the answer: a broken gzip stream or an invalid HTTP message.
            return new MalformedResponseException(label, endpoint, "undecodable HTTP answer: " + describe(failure), safeCause(failure));
        }
        return connectionFailure(label, failure);
    }

    private ProviderConnectionException connectionFailure(String label, Throwable failure) {
        String reason;
        if (failure instanceof io.netty.channel.ConnectTimeoutException) {
            reason = "connect timed out after " + options.connectTimeout().toMillis() + " ms";
        } else if (failure instanceof java.net.ConnectException) {
            reason = "connection refused (" + describe(failure) + ")";
        } else if (failure instanceof HttpClosedException) {
            reason = "connection closed before the answer was complete";
        } else if (failure instanceof IOException) {
            reason = "connection broke (" + describe(failure) + ")";
        } else {
            reason = describe(failure);
        }
        return new ProviderConnectionException(label, endpoint, reason, safeCause(failure));
    }

    private String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null ? type : type + ": " + scrub(message);
    }

    /** The failure itself as a cause, unless some message in its chain would reveal a secret. */
    private Throwable safeCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !scrub(message).equals(message)) {
                return null;
            }
        }
        return failure;
    }

    /** Removes the raw URL, its path and query, and its credentials from a text. */
    private String scrub(String text) {
        String s = text;
        for (String secret : secrets) {
            if (s.contains(secret)) {
                s = s.replace(secret, "***");
            }
        }
        return s;
    }

    private static Set<String> secretsOf(String url, URI uri, String requestUri) {
        Set<String> secrets = new HashSet<>();
        secrets.add(url);
        if (!requestUri.equals("/") && !EndpointMask.mask("http://h" + requestUri).equals("http://h" + requestUri)) {
            secrets.add(requestUri);
        }
        if (uri.getRawUserInfo() != null && !uri.getRawUserInfo().isEmpty()) {
            secrets.add(uri.getRawUserInfo());
            secrets.add(uri.getUserInfo());
        }
        return Set.copyOf(secrets);
    }

    private static MultiMap requestHeaders(HttpProviderOptions options, String userInfo) {
        MultiMap h = HttpHeaders.headers();
        h.set(HttpHeaders.CONTENT_TYPE, "application/json");
        h.set(HttpHeaders.ACCEPT, "application/json");
        if (userInfo != null && !userInfo.isEmpty()) {
            h.set(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        // Configured headers win over the defaults above, Authorization included.
        options.headers().forEach(h::set);
        return h;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int ceilSeconds(Duration d) {
        long seconds = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return clampToInt(Math.max(1, seconds));
    }

    private static int clampToInt(long value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, value));
    }

    /** Reads a Retry-After header: delay seconds or an HTTP-date (RFC 9110 section 10.2.3). */
    static final class RetryAfter {
        private RetryAfter() {
        }

        /** The delay asked for, or null when the header is absent or unreadable. */
        static Duration parse(String value, Instant now) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String v = value.strip();
            if (v.chars().allMatch(Character::isDigit)) {
                try {
                    return Duration.ofSeconds(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
