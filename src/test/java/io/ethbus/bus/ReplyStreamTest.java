package io.ethbus.bus;

import io.ethbus.client.EthClient;
import io.ethbus.client.SubscriptionStream;
import io.ethbus.node.NodeVerticle;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LogFlood;
import io.ethbus.testsupport.Mined;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replies above the threshold cross the local event bus in chunks, pulled only as fast as
 * the consumer reads: whole through EthClient, as a stream for callers that want one, dropped
 * at the node when the consumer goes away, and an answer above the ceiling fails typed.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyStreamTest {
    static final int LOGS = 3_000; // about 1.8 MB of eth_getLogs JSON
    static final int CHUNK = 128 * 1024;
    static final int WINDOW = 4;
    static final long IDLE_MS = 1_000;

    Vertx vertx;
    NodeVerticle node;
    AnvilConnection anvil;
    LogFilter filter;
    String directSha;
    int directBytes;

    @BeforeAll
    void start(DevChain chain) throws Exception {
        anvil = AnvilConnection.open(chain);
        EthClient direct = EthClient.direct(anvil.provider());
        Address alice = result(direct.eth().accounts()).get(0);
        Address contract = LogFlood.deploy(direct, alice);
        String tx = LogFlood.flood(direct, alice, contract, LOGS).toHex();
        long block = Hex.toLong(Mined.receipt(direct, tx).get("blockNumber").asText());
        filter = LogFilter.builder().address(contract).fromBlock(BlockId.number(block)).toBlock(BlockId.number(block)).build();

        // The answer as the node itself sends it, straight over HTTP, for comparison.
        Buffer body = result(anvil.vertx().createHttpClient().request(io.vertx.core.http.HttpMethod.POST,
                        chain.port(), "127.0.0.1", "/")
                .compose(r -> r.putHeader("content-type", "application/json").send(Buffer.buffer(getLogsRequest().encode())))
                .compose(io.vertx.core.http.HttpClientResponse::body));
        directBytes = body.length();
        directSha = sha256(lowerCase(body.getBytes()));

        vertx = Vertx.vertx();
        JsonObject config = new JsonObject()
                .put("defaultEndpoint", "anvil")
                .put("replyStreams", new JsonObject().put("chunkBytes", CHUNK).put("window", WINDOW).put("idleTimeoutMs", IDLE_MS))
                .put("endpoints", new JsonObject()
                        .put("anvil", new JsonObject().put("url", chain.httpUrl()))
                        .put("small", new JsonObject().put("url", chain.httpUrl()).put("maxResponseBytes", 256 * 1024)));
        node = new NodeVerticle();
        result(vertx.deployVerticle(node, new DeploymentOptions().setConfig(config)));
    }

    @AfterAll
    void stop() {
        if (vertx != null) {
            result(vertx.close());
        }
        anvil.close();
    }

    JsonObject getLogsRequest() {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_getLogs")
                .put("params", new JsonArray().add(new JsonObject(filter.toJson().toString())));
    }

    @Test
    void aLargeAnswerArrivesWholeThroughEthClientInChunks() {
        assertTrue(directBytes > ReplyStreamOptions.DEFAULT_THRESHOLD_BYTES, "test answer of " + directBytes + " bytes");
        long opened = node.replyStreams().opened();
        EthClient client = EthClient.overEventBus(vertx, "anvil");
        List<Log> logs = result(client.eth().getLogs(filter));
        assertEquals(opened + 1, node.replyStreams().opened(), "the answer went as a stream");
        assertEquals(LOGS, logs.size());
        for (int i = 0; i < LOGS; i++) {
            assertEquals(BigInteger.valueOf(i), new BigInteger(1, logs.get(i).data().value()));
        }
        assertEquals(0, node.replyStreams().openStreams(), "released after the last chunk");
    }

    @Test
    void theRawStreamCarriesTheNodesBytesUnchanged() throws Exception {
        ReplyStream stream = onContext(() -> EthClient.overEventBus(vertx, "anvil").streamReply("eth_getLogs", filter.toJson()));
        assertTrue(stream.chunked());
        assertEquals((directBytes + CHUNK - 1) / CHUNK, stream.chunks());
        byte[] bytes = onContext(stream::bytes);
        assertEquals(directBytes, bytes.length);
        assertEquals(directSha, sha256(lowerCase(bytes)), "the bytes anvil sent, but for the node's EIP-55 addresses");
    }

    @Test
    void streamLogsOverTheBusDeliversEveryLogInOrder() {
        long opened = node.replyStreams().opened();
        List<Log> logs = new ArrayList<>();
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> {
            SubscriptionStream<Log> stream = EthClient.overEventBus(vertx, "anvil").streamLogs(filter);
            stream.exceptionHandler(done::tryFail).endHandler(done::tryComplete).handler(logs::add);
        });
        result(done.future(), 60);
        assertEquals(LOGS, logs.size());
        assertEquals(BigInteger.valueOf(LOGS - 1), new BigInteger(1, logs.get(LOGS - 1).data().value()));
        assertTrue(node.replyStreams().opened() > opened, "the span's answer went as a stream");
    }

    @Test
    void aSlowConsumerHoldsTheProducerToTheWindow() throws Exception {
        ReplyStreams streams = node.replyStreams();
        long bound = (long) WINDOW * CHUNK;
        ReplyStream stream = onContext(() -> EthClient.overEventBus(vertx, "anvil").streamReply("eth_getLogs", filter.toJson()));
        int chunks = stream.chunks();
        assertTrue(chunks >= 10, chunks + " chunks");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        AtomicInteger read = new AtomicInteger();
        AtomicLong maxSeen = new AtomicLong();
        AtomicLong maxHeld = new AtomicLong();
        AtomicInteger stillOpenWhileBehind = new AtomicInteger();
        Promise<Void> done = Promise.promise();
        Context context = vertx.getOrCreateContext();
        long t0 = System.nanoTime();
        context.runOnContext(v -> {
            stream.pause();
            stream.exceptionHandler(done::tryFail).endHandler(done::tryComplete).handler(chunk -> {
                sha.update(lowerCase(chunk.getBytes()));
                read.incrementAndGet();
            });
            // One chunk every 100 ms; before each, what the producer has handed out and not seen taken.
            vertx.setPeriodic(100, id -> {
                maxSeen.accumulateAndGet(streams.inFlightBytes(), Math::max);
                maxHeld.accumulateAndGet(streams.heldBytes(), Math::max);
                if (read.get() < chunks - WINDOW && streams.openStreams() == 1) {
                    stillOpenWhileBehind.incrementAndGet();
                }
                if (done.future().isComplete()) {
                    vertx.cancelTimer(id);
                } else {
                    stream.fetch(1);
                }
            });
        });
        result(done.future(), 30);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[reply-stream] slow consumer: %d chunks of %d bytes in %.1f s; producer in flight max %d bytes"
                + " (sampled), peak %d, bound %d = window %d x chunk;"
                + " reply held %d bytes%n", chunks, CHUNK, seconds, maxSeen.get(), streams.peakInFlightBytes(), bound, WINDOW,
                maxHeld.get());
        assertEquals(chunks, read.get());
        assertEquals(directSha, HexFormat.of().formatHex(sha.digest()));
        assertTrue(maxSeen.get() > 0 && maxSeen.get() <= bound, "in flight " + maxSeen.get() + " > bound " + bound);
        assertTrue(streams.peakInFlightBytes() <= bound, "peak in flight " + streams.peakInFlightBytes());
        assertEquals(stream.totalBytes(), maxHeld.get(), "the node holds the one serialised reply, no more");
        assertEquals(0, streams.heldBytes(), "and lets go of it at the end");
        assertTrue(stillOpenWhileBehind.get() >= chunks - 2 * WINDOW,
                "the producer waited for the consumer: open while behind in " + stillOpenWhileBehind.get() + " ticks");
        assertTrue(seconds >= (chunks - WINDOW) * 0.1 * 0.9, "paced by the consumer: " + seconds + " s");
    }

    @Test
    void aConsumerThatDisappearsIsReleasedWithinTheIdleTimeout() throws Exception {
        ReplyStreams streams = node.replyStreams();
        long idleBefore = streams.idleReleases();
        ReplyStream stream = onContext(() -> EthClient.overEventBus(vertx, "anvil").streamReply("eth_getLogs", filter.toJson()));
        Promise<Buffer> first = Promise.promise();
        vertx.runOnContext(v -> {
            stream.pause();
            stream.handler(first::tryComplete); // takes one chunk, then never reads again nor cancels
            stream.fetch(1);
        });
        result(first.future());
        long t0 = System.nanoTime();
        assertEquals(1, streams.openStreams());
        while (streams.openStreams() > 0 && System.nanoTime() - t0 < 5 * IDLE_MS * 1_000_000) {
            Thread.sleep(20);
        }
        long waited = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[reply-stream] abandoned stream released after %d ms (idle timeout %d ms)%n", waited, IDLE_MS);
        assertEquals(0, streams.openStreams(), "released");
        assertEquals(idleBefore + 1, streams.idleReleases());
        assertTrue(waited <= IDLE_MS + 500, "released within the idle timeout: " + waited + " ms");

        // A consumer that comes back finds the stream gone: a typed failure, not a hang.
        Promise<Throwable> gone = Promise.promise();
        vertx.runOnContext(v -> stream.exceptionHandler(gone::tryComplete).fetch(Long.MAX_VALUE));
        assertInstanceOf(io.ethbus.rpc.ProviderConnectionException.class, result(gone.future()));
    }

    @Test
    void anAnswerAboveTheCeilingFailsTypedAndTheNodeKeepsServing() {
        EthClient small = EthClient.overEventBus(vertx, "small");
        long t0 = System.nanoTime();
        Throwable e = failure(small.eth().getLogs(filter));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        PayloadTooLargeException tooLarge = assertInstanceOf(PayloadTooLargeException.class, e, String.valueOf(e));
        assertEquals(256 * 1024, tooLarge.limit());
        assertTrue(tooLarge.bytesSeen() > tooLarge.limit(), "seen " + tooLarge.bytesSeen());
        assertEquals("eth_getLogs", tooLarge.method());
        System.out.printf("[reply-stream] over the ceiling: %s in %d ms%n", tooLarge.getMessage(), ms);

        // The same endpoint and verticle go on serving, small and large answers alike.
        assertEquals(BigInteger.valueOf(31337), result(small.eth().chainId()));
        assertEquals(LOGS, result(EthClient.overEventBus(vertx, "anvil").eth().getLogs(filter)).size());
    }

    @Test
    void aPlainJsonCallerStillGetsTheWholeAnswerInOneMessage() {
        long opened = node.replyStreams().opened();
        Message<JsonObject> reply = result(vertx.eventBus().request(RpcAddresses.rpc("anvil"), getLogsRequest()));
        assertEquals(LOGS, reply.body().getJsonArray("result").size());
        assertEquals(opened, node.replyStreams().opened(), "no stream for a caller that did not ask for one");
    }

    /** Runs {@code action} on a Vert.x context, so the stream it opens belongs to that context. */
    <T> T onContext(java.util.function.Supplier<Future<T>> action) {
        Promise<T> p = Promise.promise();
        vertx.runOnContext(v -> action.get().onComplete(p));
        return result(p.future(), 60);
    }

    /** The node's validation layer writes addresses in EIP-55 case; compare case-blind. */
    static byte[] lowerCase(byte[] ascii) {
        for (int i = 0; i < ascii.length; i++) {
            if (ascii[i] >= 'A' && ascii[i] <= 'Z') {
                ascii[i] += 'a' - 'A';
            }
        }
        return ascii;
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
