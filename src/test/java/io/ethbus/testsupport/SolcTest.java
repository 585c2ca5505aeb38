package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcException;
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
import java.util.Locale;
import java.util.Map;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pinned solc compiles the test contracts, and what it gives deploys and runs on anvil. */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
class SolcTest {
    /** anvil's first dev account, which deploys and calls. */
    static final String DEPLOYER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    static final BigInteger SUPPLY = new BigInteger("1000000000000000000000000");

    @Test
    void theDeployerIsTheFirstDevAccount(DevChain chain) {
        assertEquals(DEPLOYER, chain.accounts().get(0).toLowerCase(Locale.ROOT));
    }

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
    }

    @Test
    void deployedTokenHoldsTheRuntimeCodeAndMintsTheSupplyToTheDeployer(DevChain chain, TestContracts contracts) {
        CompiledContract token = contracts.get("TestToken");
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            RpcCaller rpc = new RpcCaller(anvil.provider());
            String address = deploy(rpc, token);

            assertEquals(token.runtimeCode(), Bytes.of(result(rpc.request("eth_getCode", address, "latest")).asText()));
            assertEquals(SUPPLY, Hex.toBigInteger(call(rpc, address, "0x70a08231" + word(addressWord(DEPLOYER)))));
        }
    }

    @Test
    void theTokenRevertsAsItsSourceSays(DevChain chain, TestContracts contracts) {
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            RpcCaller rpc = new RpcCaller(anvil.provider());
            String token = deploy(rpc, contracts.get("TestToken"));
            String other = chain.accounts().get(1);

            // a custom error with its arguments: InsufficientBalance(available, required)
            RpcException tooMuch = assertThrows(RpcException.class, () -> call(rpc, token,
                    selector("transfer(address,uint256)") + word(addressWord(other)) + word(SUPPLY.add(BigInteger.ONE))));
            assertEquals(selector("InsufficientBalance(uint256,uint256)") + word(SUPPLY) + word(SUPPLY.add(BigInteger.ONE)),
                    tooMuch.data().asText());
            // Error(string) from require
            RpcException toZero = assertThrows(RpcException.class, () -> call(rpc, token,
                    selector("mint(address,uint256)") + word(BigInteger.ZERO) + word(BigInteger.ONE)));
            assertTrue(toZero.data().asText().startsWith(selector("Error(string)")), toZero.data().toString());
            // Panic(0x12), division by zero, and Panic(0x32), index out of bounds
            RpcException byZero = assertThrows(RpcException.class, () -> call(rpc, token,
                    selector("divide(uint256,uint256)") + word(BigInteger.ONE) + word(BigInteger.ZERO)));
            assertEquals(selector("Panic(uint256)") + word(BigInteger.valueOf(0x12)), byZero.data().asText());
            RpcException outOfBounds = assertThrows(RpcException.class, () -> call(rpc, token,
                    selector("historyAt(address,uint256)") + word(addressWord(DEPLOYER)) + word(BigInteger.TEN)));
            assertEquals(selector("Panic(uint256)") + word(BigInteger.valueOf(0x32)), outOfBounds.data().asText());

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

    /** Deploys {@code contract} from the deployer, with TestToken's constructor arguments; its address. */
    static String deploy(RpcCaller rpc, CompiledContract contract) {
        // constructor("Test Token", "TT", SUPPLY), ABI-encoded by hand: two offsets and the number, then both strings;
        // a contract without a constructor ignores them
        String args = word(BigInteger.valueOf(0x60)) + word(BigInteger.valueOf(0xa0)) + word(SUPPLY)
                + bytes(Hex.encode("Test Token".getBytes(StandardCharsets.UTF_8)).substring(2))
                + bytes(Hex.encode("TT".getBytes(StandardCharsets.UTF_8)).substring(2));
        ObjectNode deploy = JsonRpcCodec.mapper().createObjectNode().put("from", DEPLOYER)
                .put("input", contract.creationCode().toHex() + args);
        JsonNode receipt = Mined.receipt(rpc, result(rpc.request("eth_sendTransaction", deploy)).asText());
        assertEquals("0x1", receipt.get("status").asText());
        return receipt.get("contractAddress").asText();
    }

    /** eth_call from anvil's first dev account (the deployer). */
    static String call(RpcCaller rpc, String to, String data) {
        ObjectNode call = JsonRpcCodec.mapper().createObjectNode().put("from", DEPLOYER).put("to", to).put("data", data);
        return result(rpc.request("eth_call", call, "latest")).asText();
    }

    static BigInteger addressWord(String address) {
        return new BigInteger(address.substring(2), 16);
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

    /** ABI encoding of dynamic bytes (unprefixed hex): length word, then the data padded to whole words. */
    static String bytes(String hex) {
        return word(BigInteger.valueOf(hex.length() / 2)) + hex + "0".repeat((64 - hex.length() % 64) % 64);
    }
}
