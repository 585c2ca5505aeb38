package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pinned solc compiles the test contracts, and what it gives deploys and runs on anvil. */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
class SolcTest {
    static final String MULTICALL3 = "0xca11bde05977b3631167028862be2a173976ca11";
    static final BigInteger SUPPLY = new BigInteger("1000000000000000000000000");

    @Test
    void compilesEveryTestContractWithItsAbi(TestContracts contracts) {
        CompiledContract token = contracts.get("TestToken");
        List<String> names = new ArrayList<>();
        token.abi().forEach(entry -> names.add(entry.path("type").asText() + " " + entry.path("name").asText()));
        assertTrue(names.containsAll(List.of("constructor ", "function balanceOf", "function transferFrom",
                "function holder", "function divide", "error InsufficientBalance", "error InsufficientAllowance",
                "event Transfer", "event Approval", "event Tagged", "event Minted")), names.toString());
        JsonNode artifact = read(token.artifactJson());
        assertEquals(token.abi(), artifact.get("abi"));
        assertEquals(token.creationCode(), Bytes.of(artifact.get("bytecode").asText()));

        CompiledContract multicall = contracts.get("Multicall3Compatible");
        assertTrue(multicall.abiJson().contains("\"aggregate3\""), multicall.abiJson());
        assertTrue(multicall.runtimeCode().length() > 0);
    }

    @Test
    void deployedTokenHoldsTheRuntimeCodeAndMintsTheSupplyToTheDeployer(DevChain chain, TestContracts contracts) {
        CompiledContract token = contracts.get("TestToken");
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            RpcCaller rpc = new RpcCaller(anvil.provider());
            String deployer = chain.accounts().get(0);
            // constructor("Test Token", "TT", SUPPLY), ABI-encoded by hand: head of two offsets and the number, then both strings
            String args = word(BigInteger.valueOf(0x60)) + word(BigInteger.valueOf(0xa0)) + word(SUPPLY)
                    + string("Test Token") + string("TT");
            ObjectNode deploy = JsonRpcCodec.mapper().createObjectNode().put("from", deployer)
                    .put("input", token.creationCode().toHex() + args);
            JsonNode receipt = Mined.receipt(rpc, result(rpc.request("eth_sendTransaction", deploy)).asText());
            assertEquals("0x1", receipt.get("status").asText());
            String address = receipt.get("contractAddress").asText();

            assertEquals(token.runtimeCode(), Bytes.of(result(rpc.request("eth_getCode", address, "latest")).asText()));
            ObjectNode balanceOf = JsonRpcCodec.mapper().createObjectNode().put("to", address)
                    .put("data", "0x70a08231" + word(new BigInteger(deployer.substring(2), 16)));
            assertEquals(SUPPLY, Hex.toBigInteger(result(rpc.request("eth_call", balanceOf, "latest")).asText()));
        }
    }

    @Test
    void multicall3CompatibleRuntimeRunsAtTheCanonicalAddress(DevChain chain, TestContracts contracts) {
        CompiledContract multicall = contracts.get("Multicall3Compatible");
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            RpcCaller rpc = new RpcCaller(anvil.provider());
            result(rpc.request("anvil_setCode", MULTICALL3, multicall.runtimeCode().toHex()));
            assertEquals(multicall.runtimeCode(), Bytes.of(result(rpc.request("eth_getCode", MULTICALL3, "latest")).asText()));
            // getBlockNumber() answers the chain's head: the code runs, not only sits there
            ObjectNode getBlockNumber = JsonRpcCodec.mapper().createObjectNode().put("to", MULTICALL3).put("data", selector("getBlockNumber()"));
            long head = Hex.toLong(result(rpc.request("eth_blockNumber")).asText());
            assertEquals(BigInteger.valueOf(head), Hex.toBigInteger(result(rpc.request("eth_call", getBlockNumber, "latest")).asText()));
        }
    }

    @Test
    void aCompileErrorNamesTheFileAndLine() {
        String source = "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\ncontract Broken {\n"
                + "    function f() external pure returns (uint256) { return undefinedName; }\n}\n";
        SolidityCompileException error = assertThrows(SolidityCompileException.class,
                () -> Solc.pinned().compile(Map.of("Broken.sol", source)));
        assertTrue(error.getMessage().contains("Broken.sol:5:"), error.getMessage());
        assertTrue(error.getMessage().contains("Undeclared identifier"), error.getMessage());
    }

    @Test
    void aSecondCompileOfTheSameSourcesIsServedFromTheDiskCache(@TempDir Path cache, @TempDir Path noCompiler) throws IOException {
        Solc solc = new Solc(Solc.pinned().compilerDir(), cache);
        Map<String, CompiledContract> first = solc.compileDirectory(Solc.TEST_SOURCES);
        // the same compiler version without solc.js: it can answer only from the cache
        Path packageJson = noCompiler.resolve("node_modules/solc/package.json");
        Files.createDirectories(packageJson.getParent());
        Files.copy(solc.compilerDir().resolve("node_modules/solc/package.json"), packageJson);
        Solc cacheOnly = new Solc(noCompiler, cache);
        assertEquals(first, cacheOnly.compileDirectory(Solc.TEST_SOURCES));
        // a changed source is a different key
        IllegalStateException uncached = assertThrows(IllegalStateException.class,
                () -> cacheOnly.compile(Map.of("Other.sol", "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\ncontract Other {}\n")));
        assertTrue(uncached.getMessage().contains("no solc-js"), uncached.getMessage());
    }

    static JsonNode read(String json) {
        try {
            return JsonRpcCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String selector(String signature) {
        return Hex.encode(Keccak.keccak256(signature.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
    }

    static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    static String string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String data = Hex.encode(bytes).substring(2);
        return word(BigInteger.valueOf(bytes.length)) + data + "0".repeat((64 - data.length() % 64) % 64);
    }
}
