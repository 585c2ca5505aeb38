package io.ethbus.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AnvilExtension.class)
class CallCommandTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void chainIdIsPrintedAsJson(DevChain chain) {
        CommandRun run = run("call", "eth_chainId", "--rpc", chain.httpUrl());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("\"0x7a69\"", run.out().strip());
    }

    @Test
    void balanceOfAFundedAccountIsAQuantity(DevChain chain) {
        CommandRun run = run("call", "eth_getBalance", chain.accounts().get(0), "latest", "--rpc", chain.httpUrl());
        assertEquals(0, run.exitCode(), run.err());
        String quantity = run.out().strip();
        assertTrue(quantity.matches("\"0x[0-9a-f]+\""), quantity);
        assertTrue(new BigInteger(quantity.substring(3, quantity.length() - 1), 16).signum() > 0, quantity);
    }

    @Test
    void jsonParamsAreSentAsJson(DevChain chain) {
        // "false" must arrive as the JSON boolean: anvil rejects a string for the full-transactions flag
        CommandRun run = run("call", "eth_getBlockByNumber", "\"0x0\"", "false", "--rpc", chain.httpUrl());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"number\" : \"0x0\""), run.out());
    }

    @Test
    void unknownMethodFailsWithTheNodesError(DevChain chain) {
        CommandRun run = run("call", "eth_noSuchMethod", "--rpc", chain.httpUrl());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("Method not found"), run.err());
        assertTrue(run.err().contains("-32601"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void unreachableNodeFailsWithoutAStackTrace() {
        CommandRun run = run("call", "eth_chainId", "--rpc", "http://127.0.0.1:1", "--timeout", "5");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("ethbus: eth_chainId @ http://127.0.0.1:1"), run.err());
        assertTrue(!run.err().contains("\tat "), run.err());
    }

    @Test
    void secretsInTheUrlAreMaskedInTheError() {
        for (String url : List.of("http://127.0.0.1:1/v3/s3cr3tK3y99", "http://127.0.0.1:1/v2/AbCdEfGhIjKlMnOpQrStUvWx",
                "http://127.0.0.1:1/rpc?SECRETFLAG123", "http://user:pa55w0rd@127.0.0.1:1/")) {
            CommandRun run = run("call", "eth_chainId", "--rpc", url, "--timeout", "5");
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("ethbus: eth_chainId @ http://"), run.err());
            assertTrue(run.err().contains("127.0.0.1:1"), "host and port stay visible: " + run.err());
            for (String secret : List.of("s3cr3tK3y99", "AbCdEfGhIjKlMnOpQrStUvWx", "SECRETFLAG123", "user", "pa55w0rd")) {
                assertFalse(run.err().contains(secret), secret + " leaked: " + run.err());
            }
        }
    }

    @Test
    void missingMethodIsAUsageError() {
        CommandRun run = run("call");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("METHOD"), run.err());
    }

    @Test
    void badUsageIsExitTwoWithOneLine() {
        List<String[]> bad = List.of(
                new String[]{"call", "eth_chainId", "--rpc", "not-a-url"},
                new String[]{"call", "eth_chainId", "--rpc", "ftp://x"},
                new String[]{"call", "eth_chainId", "--rpc", "http://bad host/"},
                new String[]{"call", "eth_chainId", "--rpc", "http://"},
                new String[]{"call", "eth_chainId", "--timeout", "soon"},
                new String[]{"call", "eth_chainId", "--timeout", "-3"},
                new String[]{"call", "eth_chainId", "--no-such-option"},
                new String[]{"call"},
                new String[]{});
        for (String[] args : bad) {
            CommandRun run = run(args);
            String what = String.join(" ", args) + " -> " + run.err();
            assertEquals(2, run.exitCode(), what);
            assertTrue(run.err().startsWith("ethbus: "), what);
            assertEquals(1, run.err().strip().lines().count(), what);
            assertEquals("", run.out(), what);
        }
        CommandRun scheme = run("call", "eth_chainId", "--rpc", "ftp://x");
        assertEquals("ethbus: --rpc: HTTP provider URL must be http or https: ftp://x (see 'ethbus call --help')",
                scheme.err().strip());
    }

    @Test
    void aBadUrlIsReportedMasked() {
        CommandRun run = run("call", "eth_chainId", "--rpc", "wss://user:pa55w0rd@eth.example/v3/s3cr3tK3y99?k=QUERYKEY");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("wss://***@eth.example/v3/***?k=***"), run.err());
        for (String secret : List.of("pa55w0rd", "s3cr3tK3y99", "QUERYKEY")) {
            assertFalse(run.err().contains(secret), secret + " leaked: " + run.err());
        }
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertEquals(2, run().exitCode());
        assertEquals(2, run("call", "eth_chainId", "--timeout", "0").exitCode());
    }

    @Test
    void withoutRpcItStartsItsOwnDevChain() {
        CommandRun run = run("call", "eth_blockNumber");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("\"0x0\"", run.out().strip());
    }

    @Test
    void paramsAreJsonWhenTheyAreJsonElseText() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        assertEquals(json.textNode("latest"), JsonArgument.parse("latest"));
        assertEquals(json.textNode("0xabc"), JsonArgument.parse("0xabc"));
        assertEquals(json.textNode("quoted"), JsonArgument.parse("\"quoted\""));
        assertEquals(json.booleanNode(true), JsonArgument.parse("true"));
        assertEquals(BigInteger.valueOf(12), JsonArgument.parse("12").bigIntegerValue());
        assertTrue(JsonArgument.parse("{\"to\":\"0x1\"}").isObject());
        assertTrue(JsonArgument.parse("[1,2]").isArray());
        assertEquals(json.textNode(""), JsonArgument.parse(""));
        assertEquals(json.textNode("{broken"), JsonArgument.parse("{broken"));
    }

    @Test
    void versionNamesEthbus() {
        CommandRun run = run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("ethbus"), run.out());
    }
}
