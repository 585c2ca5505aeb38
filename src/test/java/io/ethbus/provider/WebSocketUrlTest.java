package io.ethbus.provider;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A WebSocket endpoint's URL: refused with a masked message when malformed, its query (an API key) sent as given. */
class WebSocketUrlTest {
    @Test
    void aMalformedUrlIsRefusedWithoutItsKey() {
        Vertx vertx = Vertx.vertx();
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WebSocketProvider(vertx, ConnectionOptions.of("wss://node.example/v3/s3cr3tK3y99 x")));
            assertFalse(e.getMessage().contains("s3cr3tK3y99"), e.getMessage());
            assertTrue(e.getMessage().startsWith("invalid WebSocket URL"), e.getMessage());
            IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                    () -> new WebSocketProvider(vertx, ConnectionOptions.of("http://node.example/?key=SECRETFLAG123")));
            assertFalse(scheme.getMessage().contains("SECRETFLAG123"), scheme.getMessage());
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void theOptionsPrintTheTargetMasked() {
        String printed = ConnectionOptions.of("wss://node.example/v3/s3cr3tK3y99?apikey=SECRETFLAG123").toString();
        assertFalse(printed.contains("s3cr3tK3y99") || printed.contains("SECRETFLAG123"), printed);
    }

    @Test
    void theQueryReachesTheServer() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<String> uri = new CompletableFuture<>();
            HttpServer server = result(vertx.createHttpServer()
                    .webSocketHandler(ws -> {
                        uri.complete(ws.uri());
                        ws.close();
                    })
                    .listen(0, "127.0.0.1"));
            WebSocketProvider ws = new WebSocketProvider(vertx,
                    ConnectionOptions.of("ws://127.0.0.1:" + server.actualPort() + "/v3/rpc?apikey=K3Y"));
            ws.send(new io.ethbus.rpc.RpcRequest(1, "eth_chainId", null)); // opens the connection; the answer does not matter
            assertEquals("/v3/rpc?apikey=K3Y", uri.get(30, TimeUnit.SECONDS));
            result(ws.close());
        } finally {
            result(vertx.close());
        }
    }
}
