package io.ethbus.cli;

import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.CountingHttpProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ethbus crawl --event/--abi/--contract}: bad input refused up front, the plan, a crawl of decoded events. */
@ExtendWith(AnvilExtension.class)
class CrawlEventsCommandTest {
    private static final String TRANSFER = "Transfer(address indexed from, address indexed to, uint256 value)";

    private static Path newDir(String name) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(AnvilExtension.workDir().resolve("crawl-cli-tests")), name);
    }

    @Test
    void badEventsAbisAndContractsAreExitTwoBeforeAnyCallAndWriteNothing(DevChain chain) throws IOException {
        Path dir = newDir("bad-events");
        Path notJson = Files.writeString(dir.resolve("not.json"), "this is not JSON");
        Path notAbi = Files.writeString(dir.resolve("object.json"), "{\"name\": \"a package.json, say\"}");
        Path noEvents = Files.writeString(dir.resolve("functions.json"),
                "[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[],\"outputs\":[],\"stateMutability\":\"view\"}]");
        Path out = dir.resolve("out");
        Vertx vertx = Vertx.vertx();
        try (CountingHttpProxy node = new CountingHttpProxy(vertx, chain.port())) {
            record Case(List<String> args, String message) {
            }
            List<Case> cases = List.of(
                    new Case(List.of("--event", "Transfer(address indexed from, address indexed to, uint257 value)"),
                            "--event 'Transfer(address indexed from, address indexed to, uint257 value)' is not an event signature"),
                    new Case(List.of("--event", "function transfer(address to, uint256 value)"), "is not an event signature"),
                    new Case(List.of("--event", "Transfer(address indexed from"), "is not an event signature"),
                    new Case(List.of("--abi", notJson.toString()), "is not a JSON ABI or compiler artifact"),
                    new Case(List.of("--abi", notAbi.toString()), "is not a JSON ABI or compiler artifact"),
                    new Case(List.of("--abi", noEvents.toString()), "has no events"),
                    new Case(List.of("--abi", dir.resolve("missing.json").toString()), "cannot read it"),
                    new Case(List.of("--event", TRANSFER, "--contract", "0x1234"), "--contract: invalid address '0x1234'"),
                    new Case(List.of("--event", TRANSFER, "--contract", "0x5FbDB2315678afecb367f032d93F642f64180aa4"),
                            "checksum mismatch"),
                    new Case(List.of("--datasets", "erc20_transfers,erc777_transfers"), "unknown dataset 'erc777_transfers'"),
                    new Case(List.of("--datasets", "logs", "--contract", "0x5fbdb2315678afecb367f032d93f642f64180aa3"),
                            "--contract restricts decoded events"));
            for (Case c : cases) {
                List<String> args = new java.util.ArrayList<>(List.of("crawl", "--rpc", node.url(), "--out", out.toString(),
                        "--format", "jsonl"));
                args.addAll(c.args());
                CommandRun run = CommandRun.of(args.toArray(String[]::new));
                String what = String.join(" ", args) + " -> " + run.err();
                assertEquals(2, run.exitCode(), what);
                assertTrue(run.err().startsWith("ethbus: "), what);
                assertTrue(run.err().contains(c.message()), what);
                assertFalse(Files.exists(out), "nothing written: " + what);
            }
            assertEquals(0, node.callsPerSecond().size(), "no call reached the node: " + node.callsPerSecond());
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void dryNamesTheLogRouteAndTheEventColumns(DevChain chain) {
        CommandRun run = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--dry", "--event", "event " + TRANSFER,
                "--datasets", "erc1155_transfers");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("events decoded from eth_getLogs per batch of blocks"), run.out());
        assertTrue(run.out().contains("dataset erc1155_transfers:"), run.out());
        assertTrue(run.out().contains("batch_index"), run.out());
        assertTrue(run.out().contains("dataset events_transfer:"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+value\\s+decimal\\s+uint256")), run.out());
        assertFalse(run.out().contains("dataset blocks:"), "--datasets and --event name every dataset: " + run.out());
        CommandRun withLogs = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--dry", "--datasets", "logs,erc20_transfers");
        assertEquals(0, withLogs.exitCode(), withLogs.err());
        assertTrue(withLogs.out().contains("events decoded from the logs of the block receipts (eth_getBlockReceipts)"),
                withLogs.out());
    }

    @Test
    void aDemoCrawlWritesTheEventDatasetsOnly() throws IOException {
        Path out = newDir("demo-events");
        CommandRun run = CommandRun.of("crawl", "--out", out.toString(), "--format", "csv", "--demo-blocks", "10", "--event", TRANSFER,
                "--datasets", "erc20_transfers,erc721_transfers");
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
            assertEquals(List.of("erc20_transfers", "erc721_transfers", "events_transfer"),
                    names.stream().map(n -> n.substring(0, n.indexOf("__"))).toList(), names.toString());
        }
        List<String> erc20 = Files.readAllLines(firstFile(out, "erc20_transfers__"));
        List<String> events = Files.readAllLines(firstFile(out, "events_transfer__"));
        assertEquals("block_number,block_hash,block_timestamp,transaction_index,transaction_hash,log_index,address,"
                + "from_address,to_address,value", erc20.get(0));
        assertEquals("block_number,block_hash,block_timestamp,transaction_index,transaction_hash,log_index,address,from,to,value",
                events.get(0));
        assertTrue(erc20.size() > 10, "the demo's token transfers: " + erc20.size());
        assertEquals(erc20.subList(1, erc20.size()), events.subList(1, events.size()), "the same logs, decoded alike");
        assertEquals(1, Files.readAllLines(firstFile(out, "erc721_transfers__")).size(), "a header and no ERC-721 transfer");
        assertTrue(run.out().contains("erc20_transfers"), run.out());
    }

    private static Path firstFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }
}
