package io.ethbus.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.cli.NodeCommand;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.Hex;
import io.ethbus.client.EthClient;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.JsonlRows;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topology of {@code docker/compose.yml} in child JVMs, since no Docker engine runs here:
 * a dev chain, three clustered {@code ethbus node} members with their operations port, and a
 * crawler. What compose's health checks ask ({@code GET /health} answers 200) holds for every
 * member and lists the whole cluster; a client-only member's calls are answered by the
 * cluster; the crawler writes every block of the chain.
 */
class ComposeTopologyTest {
    private static final int MEMBERS = 3;
    private static final int BLOCKS = 40;
    private static final Pattern OPERATIONS_PORT = Pattern.compile(Pattern.quote(NodeCommand.READY) + ": .* operations=(\\d+)");

    @Test
    void threeHealthyMembersServeTheClusterAndTheCrawlerWritesTheChain() throws Exception {
        Path work = Files.createDirectories(AnvilExtension.workDir().resolve("compose-topology"));
        try (DevChain chain = DevChain.start(DevChainOptions.in(work));
             AnvilConnection anvil = AnvilConnection.open(chain)) {
            EthClient direct = EthClient.direct(anvil.provider());
            result(direct.request("anvil_mine", Hex.quantity(BLOCKS)));

            // Port 0: each member binds a free port and names it in its ready line (a port picked
            // here and bound later could be taken meanwhile by any outgoing connection).
            JsonObject config = new JsonObject().put("endpoints",
                    new JsonObject().put("default", new JsonObject().put("url", chain.httpUrl())))
                    .put("operations", new JsonObject().put("port", 0));
            try (LocalCluster cluster = LocalCluster.start("compose-topology", MEMBERS, config)) {
                List<Integer> healthPorts = new ArrayList<>();
                for (ChildJvm member : cluster.members()) {
                    healthPorts.add(Integer.parseInt(member.awaitLine(OPERATIONS_PORT, Duration.ofSeconds(5)).group(1)));
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (int port : healthPorts) {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, health.statusCode(), "health of the member on " + port + ": " + health.body());
                    JsonObject body = new JsonObject(health.body());
                    assertEquals("UP", body.getString("status"));
                    // three node members and the client-only member in this JVM
                    assertEquals(MEMBERS + 1, body.getJsonObject("cluster").getInteger("size"), body.encode());
                }

                EthClient overCluster = EthClient.overEventBus(cluster.client().vertx(), "default");
                long head = result(direct.eth().blockNumber());
                assertEquals(head, (long) result(overCluster.eth().blockNumber()));

                Path out = Files.createTempDirectory(work, "crawl");
                try (ChildJvm crawler = ChildJvm.start("compose-crawler", "io.ethbus.cli.EthbusCommand", List.of("-Xmx256m"),
                        List.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:", "--format", "jsonl",
                                "--datasets", "blocks", "--out", out.toString()))) {
                    crawler.awaitLine(Pattern.compile("crawled blocks 0:"), Duration.ofSeconds(90));
                }
                List<JsonNode> rows = JsonlRows.read(out, "blocks__");
                assertTrue(rows.size() >= head + 1 - 12, "blocks written: " + rows.size() + " of a chain at " + head);
                for (int n = 0; n < rows.size(); n++) {
                    JsonNode row = rows.get(n);
                    assertEquals(n, row.get("block_number").asLong());
                    assertEquals(result(direct.request("eth_getBlockByNumber", Hex.quantity(n), false)).get("hash").asText(),
                            row.get("block_hash").asText(), "block " + n);
                }
                System.out.printf("[compose-topology] %d members healthy (cluster of %d), client call answered,"
                        + " crawler wrote %d blocks of a chain at %d%n", MEMBERS, MEMBERS + 1, rows.size(), head);
            }
        }
    }
}
