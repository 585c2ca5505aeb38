package io.ethbus.ens;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.middleware.EnsNameMiddleware;
import io.ethbus.middleware.Middleware;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Mined;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ENS on an anvil started with chain id 1: a minimal registry (every name has the same
 * resolver) and resolver (addr from storage, one reverse name) hand-assembled and installed at
 * the registry's canonical address with anvil_setCode / anvil_setStorageAt.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnsAnvilTest {
    static final Address RESOLVER = Address.of("0x00000000000000000000000000000000000e5e50");
    /** An emoji label, stored under its normalised form (without the FE0F selector). */
    static final String ROCKET = "\uD83D\uDE80";

    DevChain mainnetLike;
    Vertx vertx;
    RpcCaller caller;
    Address alice;
    Address bob;

    /** Runtime of the registry: RETURN(word(RESOLVER)) whatever is asked. */
    static String registryCode() {
        return "73" + RESOLVER.toHex().substring(2) // PUSH20 resolver
                + "600052"                           // PUSH1 0, MSTORE
                + "60206000f3";                      // RETURN(0, 32)
    }

    /**
     * Runtime of the resolver: addr(bytes32) answers SLOAD(node); name(bytes32) answers the
     * ABI-encoded string {@code reverseName} (at most 32 bytes) copied from the end of the code;
     * anything else reverts.
     */
    static String resolverCode(String reverseName) {
        String dispatch = "600035" + "60e01c"          // 0: selector = calldata[0] >> 224
                + "80" + "63" + EnsResolver.ADDR.selector().toHex().substring(2) + "14" + "601d57" // 6: DUP1, == addr? jump 0x1d
                + "63" + EnsResolver.NAME.selector().toHex().substring(2) + "14" + "602a57"        // 16: == name? jump 0x2a
                + "600080fd";                                              // 25: revert
        String addr = "5b" + "600435" + "54" + "600052" + "60206000f3";    // 29 (0x1d): SLOAD(calldata[4]) returned
        String name = "5b" + "6060" + "6037" + "6000" + "39" + "60606000f3"; // 42 (0x2a): CODECOPY(0, 0x37, 96), return
        String encoded = NameHashTest.hex(reverseName);
        String data = NameHashTest.word(32) + NameHashTest.word(encoded.length() / 2) + encoded + "0".repeat(64 - encoded.length());
        String code = dispatch + addr + name;
        assertEquals(0x37, code.length() / 2, "the name data sits right after the code");
        return code + data;
    }

    @BeforeAll
    void start() {
        mainnetLike = DevChain.start(DevChainOptions.in(Path.of(System.getProperty("ethbus.test.workdir", "target"), "ens"))
                .withChainId(1));
        vertx = Vertx.vertx();
        caller = new RpcCaller(new HttpProvider(vertx, HttpProviderOptions.of(mainnetLike.httpUrl())));
        alice = Address.of(mainnetLike.accounts().get(0));
        bob = Address.of(mainnetLike.accounts().get(1));
        result(caller.request("anvil_setCode", EnsResolver.REGISTRY.toChecksumHex(), "0x" + registryCode()));
        result(caller.request("anvil_setCode", RESOLVER.toChecksumHex(), "0x" + resolverCode("alice.eth")));
        setAddr("alice.eth", alice);
        setAddr("bob.eth", bob);
        setAddr(ROCKET + ".eth", bob);
    }

    void setAddr(String name, Address a) {
        result(caller.request("anvil_setStorageAt", RESOLVER.toChecksumHex(), NameHash.of(name).toHex(),
                "0x" + "00".repeat(12) + a.toHex().substring(2)));
    }

    @AfterAll
    void stop() {
        result(vertx.close());
        mainnetLike.close();
    }

    @Test
    void forwardAndReverseLookUps() {
        EnsResolver ens = new EnsResolver(caller);
        assertEquals(alice, result(ens.address("alice.eth")));
        assertEquals(bob, result(ens.address("Bob.ETH")));
        EnsNameNotFoundException unknown = assertInstanceOf(EnsNameNotFoundException.class, failure(ens.address("nobody.eth")));
        assertTrue(unknown.getMessage().contains("nobody.eth"), unknown.getMessage());
        assertEquals("alice.eth", result(ens.name(alice)));
        // bob's reverse record says alice.eth, which does not resolve back to bob: no name.
        assertInstanceOf(EnsNameNotFoundException.class, failure(ens.name(bob)));
        assertInstanceOf(InvalidEnsNameException.class, failure(ens.address("bad..eth")));
    }

    @Test
    void aReverseNameCountsOnlyInNormalForm() {
        EnsResolver ens = new EnsResolver(caller);
        try {
            result(caller.request("anvil_setCode", RESOLVER.toChecksumHex(), "0x" + resolverCode("Alice.eth")));
            EnsNameNotFoundException upper = assertInstanceOf(EnsNameNotFoundException.class, failure(ens.name(alice)));
            assertTrue(upper.getMessage().contains("not normalised: 'alice.eth'"), upper.getMessage());
            result(caller.request("anvil_setCode", RESOLVER.toChecksumHex(), "0x" + resolverCode("a_b.eth")));
            EnsNameNotFoundException rejected = assertInstanceOf(EnsNameNotFoundException.class, failure(ens.name(alice)));
            assertTrue(rejected.getMessage().contains("underscore"), rejected.getMessage());
        } finally {
            result(caller.request("anvil_setCode", RESOLVER.toChecksumHex(), "0x" + resolverCode("alice.eth")));
        }
        assertEquals("alice.eth", result(ens.name(alice)));
    }

    @Test
    void namesAreLookedUpByTheirEnsip15Form() {
        EnsResolver ens = new EnsResolver(caller);
        assertEquals(bob, result(ens.address(ROCKET + ".eth")));
        assertEquals(bob, result(ens.address(ROCKET + "\uFE0F.ETH")), "the selector and the case are normalised away");
        assertEquals(alice, result(ens.address("\uFF41lice.eth")), "a full-width letter is its ASCII letter");
        InvalidEnsNameException e = assertInstanceOf(InvalidEnsNameException.class, failure(ens.address("a_b.eth")));
        assertTrue(e.getMessage().contains("underscore"), e.getMessage());
    }

    @Test
    void theMiddlewareResolvesNonAsciiNamesAndRefusesRejectedOnesBeforeTheNode() {
        List<String> seen = new ArrayList<>();
        EthClient client = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(mainnetLike.httpUrl())));
        client.middlewareOnion().add((request, next) -> {
            seen.add(request.method() + " " + request.params());
            return next.handle(request);
        }, "recorder").add(new EnsNameMiddleware(), "ens");

        BigInteger byName = new BigInteger(result(client.request("eth_getBalance", ROCKET + "\uFE0F.eth", "latest"))
                .asText().substring(2), 16);
        assertEquals(result(client.eth().getBalance(bob, BlockId.LATEST)), byName);

        seen.clear();
        JsonNode tx = JsonRpcCodec.mapper().createObjectNode().put("from", alice.toChecksumHex()).put("to", "ab--cd.eth");
        InvalidEnsNameException e = assertInstanceOf(InvalidEnsNameException.class, failure(client.request("eth_sendTransaction", tx)));
        assertTrue(e.getMessage().contains("ab--cd") && e.getMessage().contains("invalid label extension"), e.getMessage());
        assertTrue(seen.stream().noneMatch(s -> s.startsWith("eth_sendTransaction") || s.startsWith("eth_call")),
                "neither the send nor a look-up reached the node: " + seen);
    }

    @Test
    void namesStandForAddressesInCallsSendsAndFilters() {
        List<String> seen = new ArrayList<>();
        EthClient client = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(mainnetLike.httpUrl())));
        Middleware recorder = (request, next) -> {
            seen.add(request.method() + " " + request.params());
            return next.handle(request);
        };
        client.middlewareOnion().add(recorder, "recorder").add(new EnsNameMiddleware(), "ens");

        BigInteger byName = new BigInteger(result(client.request("eth_getBalance", "alice.eth", "latest")).asText().substring(2), 16);
        assertEquals(result(client.eth().getBalance(alice, BlockId.LATEST)), byName);

        BigInteger bobBefore = result(client.eth().getBalance(bob, BlockId.LATEST));
        JsonNode tx = JsonRpcCodec.mapper().createObjectNode().put("from", "alice.eth").put("to", "bob.eth").put("value", "0x7");
        String hash = result(client.request("eth_sendTransaction", tx)).asText();
        Mined.receipt(client, hash);
        assertEquals(bobBefore.add(BigInteger.valueOf(7)), result(client.eth().getBalance(bob, BlockId.LATEST)));

        JsonNode filter = JsonRpcCodec.mapper().createObjectNode().put("fromBlock", "0x0")
                .set("address", JsonRpcCodec.params("alice.eth", bob.toChecksumHex()));
        result(client.request("eth_getLogs", filter));
        String sentFilter = seen.stream().filter(s -> s.startsWith("eth_getLogs")).findFirst().orElseThrow();
        assertTrue(sentFilter.contains(alice.toChecksumHex()) && !sentFilter.contains("alice.eth"), sentFilter);
        assertTrue(seen.stream().noneMatch(s -> s.contains(".eth")), "no name reached the node: " + seen);
    }

    @Test
    void onAnyOtherChainANameIsAnInvalidAddress(DevChain devChain) {
        List<String> seen = new ArrayList<>();
        EthClient client = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(devChain.httpUrl())));
        client.middlewareOnion().add((request, next) -> {
            seen.add(request.method());
            return next.handle(request);
        }, "recorder").add(new EnsNameMiddleware(), "ens");
        InvalidAddressException e = assertInstanceOf(InvalidAddressException.class, failure(client.request(
                "eth_sendTransaction", JsonRpcCodec.mapper().createObjectNode().put("from", alice.toChecksumHex()).put("to", "bob.eth"))));
        assertTrue(e.getMessage().contains("bob.eth"), e.getMessage());
        assertEquals(List.of("eth_chainId"), seen, "only the chain id was asked; the send never reached the node");
    }
}
