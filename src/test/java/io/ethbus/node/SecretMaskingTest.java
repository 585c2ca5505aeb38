package io.ethbus.node;

import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.ethbus.testsupport.JsonRpcFaultProxy.Fault;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run against an endpoint whose URL carries secrets (userinfo, an API key in the path and
 * in the query, an Authorization header): every log line at every level, and every error a
 * caller sees, is searched for them.
 */
@ExtendWith(AnvilExtension.class)
class SecretMaskingTest {
    static final String USER_SECRET = "s3cr3tpw";
    static final String PATH_KEY = "0123456789abcdef0123456789abcdef";
    static final String QUERY_KEY = "QUERYKEY42";
    static final String BEARER = "bearer-token-777";

    @Test
    void secretsNeverReachLogsOrErrors(DevChain chain) {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                String text = r.getParameters() == null ? String.valueOf(r.getMessage())
                        : MessageFormat.format(String.valueOf(r.getMessage()), r.getParameters());
                if (r.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(trace));
                    text += "\n" + trace;
                }
                lines.add(r.getLoggerName() + " " + text);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("io.ethbus");
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        Vertx vertx = Vertx.vertx();
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            String secretUrl = proxy.url().replace("http://", "http://user:" + USER_SECRET + "@")
                    + "/v3/" + PATH_KEY + "?apikey=" + QUERY_KEY;
            JsonObject config = new JsonObject().put("endpoints", new JsonObject().put("paid", new JsonObject()
                    .put("url", secretUrl).put("headers", new JsonObject().put("Authorization", "Bearer " + BEARER))
                    .put("requestTimeoutMs", 500)
                    .put("middleware", new JsonObject().put("retry", new JsonObject().put("maxAttempts", 2).put("baseDelayMs", 1)))));
            result(NodeVerticle.deploy(vertx, config, 1));
            EthClient client = EthClient.overEventBus(vertx, "paid");
            assertEquals(BigInteger.valueOf(31337), result(client.eth().chainId()));

            List<String> errors = new ArrayList<>();
            for (Fault f : List.of(Fault.RESET, Fault.UNAVAILABLE, Fault.GARBAGE, Fault.TRUNCATED, Fault.STALL)) {
                proxy.fault(f);
                Throwable e = failure(client.eth().blockNumber());
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                errors.add(f + ": " + trace);
            }
            proxy.fault(Fault.NONE);
            errors.add(failure(client.request("eth_noSuchMethod")).toString());

            List<String> everything = new ArrayList<>(errors);
            synchronized (capture) {
                everything.addAll(lines);
            }
            assertFalse(lines.isEmpty(), "the run logged something to search");
            for (String text : everything) {
                for (String secret : List.of(USER_SECRET, PATH_KEY, QUERY_KEY, BEARER)) {
                    assertFalse(text.contains(secret), "secret " + secret + " leaked in: " + text);
                }
            }
            assertTrue(errors.stream().anyMatch(t -> t.contains("***")), "errors name the masked endpoint");
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
            result(vertx.close());
        }
    }
}
