package io.ethbus.devchain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.testsupport.AnvilExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AnvilExtension.class)
class DevChainTest {
    private static final String CHAIN_ID_REQUEST = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_chainId\",\"params\":[]}";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void startsAndAnswersChainIdOverHttp(DevChain chain) throws Exception {
        assertTrue(chain.isRunning());
        assertEquals(31337, chain.chainId());
        assertEquals("0x7a69", chainIdOverHttp(chain.httpUrl()));
        assertEquals(10, chain.accounts().size());
        // anvil's first well-known dev account, checksummed as anvil prints it
        assertEquals("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", chain.accounts().get(0));
    }

    @Test
    void ipcSocketAnswersChainId(DevChain chain) throws Exception {
        assertTrue(Files.exists(chain.ipcPath()), "no socket file at " + chain.ipcPath());
        JsonNode reply = JsonRpcCodec.mapper().readTree(callOverIpc(chain.ipcPath(), CHAIN_ID_REQUEST));
        assertEquals(7, reply.get("id").asInt());
        assertEquals("0x7a69", reply.get("result").asText());
    }

    @Test
    void webSocketIsServedOnTheHttpPort(DevChain chain) throws Exception {
        URI ws = URI.create(chain.wsUrl());
        URI http = URI.create(chain.httpUrl());
        assertEquals("ws", ws.getScheme());
        assertEquals(http.getPort(), ws.getPort());
        assertEquals("127.0.0.1", ws.getHost());

        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(ws, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        socket.sendText(CHAIN_ID_REQUEST, true);
        JsonNode answer = JsonRpcCodec.mapper().readTree(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        assertEquals("0x7a69", answer.get("result").asText());
    }

    @Test
    void closeStopsTheProcess() throws Exception {
        DevChain own = DevChain.start(DevChainOptions.in(AnvilExtension.workDir()).withChainId(1337).withAccounts(2));
        int port = own.port();
        assertEquals(1337, own.chainId());
        assertEquals(2, own.accounts().size());
        assertEquals("0x539", chainIdOverHttp(own.httpUrl()));

        own.close();

        assertFalse(own.isRunning());
        assertFalse(Files.exists(own.ipcPath()), "socket file left behind");
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        });
        own.close(); // idempotent
    }

    @Test
    void longWorkDirPutsTheSocketInTheTempDir(@TempDir Path tmp) throws Exception {
        Path deep = tmp.resolve("a-directory-name-long-enough-to-push-the-socket-path-past-the-unix-limit-of-about-one-hundred-bytes");
        try (DevChain own = DevChain.start(DevChainOptions.in(deep).withAccounts(1))) {
            assertTrue(own.ipcPath().toString().length() <= 100, own.ipcPath().toString());
            assertTrue(Files.exists(own.logFile()) && own.logFile().startsWith(deep), own.logFile().toString());
            JsonNode reply = JsonRpcCodec.mapper().readTree(callOverIpc(own.ipcPath(), CHAIN_ID_REQUEST));
            assertEquals("0x7a69", reply.get("result").asText());
        }
    }

    @Test
    void missingBinaryTellsHowToInstallIt(@TempDir Path emptyDevchainDir) {
        AnvilNotFoundException e = assertThrows(AnvilNotFoundException.class,
                () -> AnvilBinary.inDevchainDir(emptyDevchainDir));
        assertTrue(e.getMessage().contains("mvn -B verify"), e.getMessage());
        assertTrue(e.lookedAt().startsWith(emptyDevchainDir), e.lookedAt().toString());

        assertThrows(AnvilNotFoundException.class, () -> DevChain.start(
                DevChainOptions.in(emptyDevchainDir).withAnvil(AnvilBinary.at(emptyDevchainDir.resolve("anvil")))));
    }

    private static String chainIdOverHttp(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(CHAIN_ID_REQUEST)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return JsonRpcCodec.mapper().readTree(response.body()).get("result").asText();
    }

    /** Sends one request and reads until one complete JSON value: anvil may not end it with a newline. */
    private static byte[] callOverIpc(Path socketPath, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             JsonParser parser = JsonRpcCodec.mapper().getFactory().createNonBlockingByteArrayParser()) {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteArrayFeeder feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(4096);
            int depth = 0;
            boolean started = false;
            while (true) {
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    throw new IOException("socket closed before a complete JSON value: " + received);
                }
                received.write(in.array(), 0, n);
                feeder.feedInput(in.array(), 0, n);
                JsonToken token;
                while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                    if (token.isStructStart()) {
                        depth++;
                        started = true;
                    } else if (token.isStructEnd()) {
                        depth--;
                    }
                    if (started && depth == 0) {
                        return received.toByteArray();
                    }
                }
            }
        }
    }
}
