package io.ethbus.provider;

import io.ethbus.rpc.ProviderConnectionException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * JSON-RPC over a Unix domain socket (a node's IPC file), opened on first use. Answers are
 * framed by JSON value, not by line: some nodes (anvil) end them without a newline. Same
 * calls, batches and subscriptions as {@link WebSocketProvider}; owned by the context that
 * created it.
 *
 * <pre>IpcProvider ipc = new IpcProvider(vertx, ConnectionOptions.of("/tmp/anvil.ipc"));</pre>
 */
public final class IpcProvider extends PersistentConnectionProvider {
    private final NetClient client;

    public IpcProvider(Vertx vertx, ConnectionOptions options) {
        super(vertx, options, "ipc:" + options.target());
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) options.connectTimeout().toMillis()));
    }

    @Override
    protected Future<JsonRpcSession> open(String method) {
        return client.connect(SocketAddress.domainSocketAddress(options.target()))
                .recover(e -> Future.failedFuture(new ProviderConnectionException(method, endpoint(),
                        "cannot open IPC socket: " + e.getMessage(), e)))
                .map(this::attach);
    }

    @Override
    protected Future<Void> closeClient() {
        return client.close();
    }

    private JsonRpcSession attach(NetSocket socket) {
        JsonRpcSession s = newSession(socket::write);
        AnswerReservation held = newReservation();
        JsonValueFramer framer = new JsonValueFramer(held::hold, s::onMessage,
                (prefix, bytes) -> s.onRefused(prefix, held.refusal()));
        socket.handler(bytes -> {
            try {
                framer.feed(bytes);
            } catch (JsonValueFramer.FramingException e) {
                // The stream is out of step: nothing after this point can be trusted.
                held.release();
                s.onClosed("unreadable IPC stream: " + e.getMessage(), e);
            }
            if (s.isClosed()) {
                socket.close();
            }
        });
        socket.exceptionHandler(e -> {
            held.release();
            s.onClosed("connection failed: " + e.getMessage(), e);
        });
        socket.closeHandler(v -> {
            held.release();
            s.onClosed("connection closed by the node", null);
        });
        return s;
    }
}
