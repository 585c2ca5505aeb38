package io.ethbus.provider;

import io.ethbus.rpc.EndpointMask;
import io.ethbus.rpc.ProviderConnectionException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;

/**
 * JSON-RPC over one WebSocket connection, opened on first use: calls multiplexed by id,
 * batches, and subscriptions whose notifications are pushed to their handlers. Owned by
 * the verticle (context) that created it; calls from another thread hop onto that context.
 *
 * <pre>WebSocketProvider ws = new WebSocketProvider(vertx, ConnectionOptions.of("ws://127.0.0.1:8545"));</pre>
 */
public final class WebSocketProvider extends PersistentConnectionProvider {
    private final WebSocketClient client;
    private final URI uri;
    private volatile long pongs;

    /** @throws IllegalArgumentException for a target that is not a ws:// or wss:// URL (the message masks it) */
    public WebSocketProvider(Vertx vertx, ConnectionOptions options) {
        super(vertx, options, EndpointMask.mask(options.target()));
        this.uri = EndpointUri.parse(options.target(), "WebSocket URL", "ws", "wss");
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) options.connectTimeout().toMillis())
                // A node may send a large answer as one frame (anvil does), which Netty holds whole before
                // the answer budget sees it: frames up to the default ceiling are taken, so that a smaller
                // configured ceiling refuses an answer typed, on a connection that stays open.
                .setMaxFrameSize(Math.max(options.maxMessageBytes(), ConnectionOptions.defaultMaxMessageBytes())));
    }

    @Override
    protected Future<JsonRpcSession> open(String method) {
        boolean ssl = "wss".equalsIgnoreCase(uri.getScheme());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80))
                // the query too: some providers take the API key there
                .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
                .setSsl(ssl);
        return client.connect(connect)
                .recover(e -> Future.failedFuture(new ProviderConnectionException(method, endpoint(),
                        "cannot open WebSocket: " + e.getMessage(), e)))
                .map(this::attach);
    }

    @Override
    protected Future<Void> closeClient() {
        return client.close();
    }

    /** Pongs received in answer to keep-alive pings. */
    public long pongs() {
        return pongs;
    }

    private JsonRpcSession attach(WebSocket socket) {
        JsonRpcSession s = newSession(message -> socket.writeTextMessage(message.toString()));
        AnswerReservation held = newReservation();
        WebSocketMessageReader reader = new WebSocketMessageReader(held, s::onMessage,
                (prefix, bytes) -> s.onRefused(prefix, held.refusal()));
        Long timer = options.pingInterval() == null ? null
                : vertx.setPeriodic(options.pingInterval().toMillis(), t -> socket.writePing(Buffer.buffer("ethbus")));
        if (timer != null) {
            socket.pongHandler(pong -> pongs++);
        }
        socket.closeHandler(v -> {
            if (timer != null) {
                vertx.cancelTimer(timer);
            }
            reader.discard();
            s.onClosed("connection closed by the node", null);
        });
        // frames, not whole messages: each counts against the answer budget as it arrives
        socket.frameHandler(frame -> {
            reader.frame(frame);
            if (s.isClosed()) {
                socket.close();
            }
        });
        socket.exceptionHandler(e -> {
            reader.discard();
            s.onClosed("connection failed: " + e.getMessage(), e);
        });
        return s;
    }
}
