package io.ethbus.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.DecodedEvent;
import io.ethbus.client.EthClient;
import io.ethbus.client.OverflowPolicy;
import io.ethbus.client.SubscriptionOverflowException;
import io.ethbus.client.SubscriptionStream;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;
import io.ethbus.provider.ConnectionOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.provider.WebSocketProvider;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.DeployedToken;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.LogRangeLimitProxy;
import io.ethbus.testsupport.Mined;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.ethbus.testsupport.Await.onContext;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoded events of a solc-compiled TestToken on anvil: queries with and without indexed
 * values, a dynamic indexed string, the anonymous event, every known event, a stream over a
 * range, live events over WebSocket, and a log that is not what its topic0 says.
 */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
class ContractEventsTest {
    private Vertx vertx;
    private RpcCaller rpc;
    private EthClient client;

    @BeforeEach
    void connect(DevChain chain) {
        vertx = Vertx.vertx();
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        rpc = new RpcCaller(provider);
        client = EthClient.direct(provider);
    }

    @AfterEach
    void close() {
        result(vertx.close());
    }

    /** The deploy (mint), three transfers, an approval and a tag; the receipts of the last five. */
    private record History(DeployedToken token, Address bob, Address carol, List<JsonNode> receipts) {
    }

    private History history(TestContracts contracts) {
        DeployedToken token = DeployedToken.deploy(rpc, contracts.get("TestToken"));
        Address me = token.deployer();
        Address bob = token.account(1);
        Address carol = token.account(2);
        List<JsonNode> receipts = new ArrayList<>();
        receipts.add(token.send(me, "transfer", bob, BigInteger.valueOf(100)));
        receipts.add(token.send(me, "transfer", carol, BigInteger.valueOf(200)));
        receipts.add(token.send(bob, "transfer", carol, BigInteger.valueOf(30)));
        receipts.add(token.send(me, "approve", bob, BigInteger.valueOf(5)));
        receipts.add(token.send(carol, "tag", "vip", Bytes.of("0xc0ffee")));
        return new History(token, bob, carol, receipts);
    }

    private ContractEvents events(DeployedToken token) {
        return new ContractEvents(token.address(), token.abi(), client);
    }

    private static BlockId from(DeployedToken token) {
        return BlockId.number(token.deployBlock());
    }

    @Test
    void getDecodesTheEventAskedForWithItsPositionAndSelectsByIndexedValues(TestContracts contracts) {
        History h = history(contracts);
        DeployedToken token = h.token();
        ContractEvents events = events(token);

        List<DecodedEvent> transfers = result(events.get("Transfer", from(token), BlockId.LATEST));
        assertEquals(List.of("0->me:" + DeployedToken.SUPPLY, "me->bob:100", "me->carol:200", "bob->carol:30"),
                transfers.stream().map(e -> transfer(h, e)).toList());
        for (int i = 1; i < transfers.size(); i++) {
            assertMatchesReceipt(transfers.get(i), h.receipts().get(i - 1));
        }

        assertEquals(List.of("me->bob:100", "me->carol:200"),
                result(events.get("Transfer", from(token), BlockId.LATEST, token.deployer())).stream().map(e -> transfer(h, e)).toList());
        assertEquals(List.of("me->bob:100", "me->carol:200", "bob->carol:30"),
                result(events.get("Transfer", from(token), BlockId.LATEST, List.of(token.deployer(), h.bob())))
                        .stream().map(e -> transfer(h, e)).toList());
        assertEquals(List.of("me->carol:200", "bob->carol:30"),
                result(events.get("Transfer", from(token), BlockId.LATEST, null, h.carol())).stream().map(e -> transfer(h, e)).toList());
        assertEquals(List.of(), result(events.get("Transfer", from(token), BlockId.LATEST, h.carol())));

        List<DecodedEvent> approvals = result(events.get("Approval", from(token), BlockId.LATEST, token.deployer(), h.bob()));
        assertEquals(1, approvals.size());
        assertEquals(BigInteger.valueOf(5), approvals.get(0).args().getBigInteger("value"));
        assertMatchesReceipt(approvals.get(0), h.receipts().get(3));
    }

    @Test
    void aDynamicIndexedStringSelectsByItsHashAndTheAnonymousEventDecodesWhenAskedFor(TestContracts contracts) {
        History h = history(contracts);
        DeployedToken token = h.token();
        ContractEvents events = events(token);

        List<DecodedEvent> vip = result(events.get("Tagged", from(token), BlockId.LATEST, "vip"));
        assertEquals(1, vip.size());
        DecodedEvent tagged = vip.get(0);
        assertEquals(new Hash(Keccak.keccak256("vip".getBytes(StandardCharsets.UTF_8))), tagged.args().getHash("tag"));
        assertEquals(h.carol(), tagged.args().getAddress("who"));
        assertEquals(Bytes.of("0xc0ffee"), tagged.args().getBytes("note"));
        assertMatchesReceipt(tagged, h.receipts().get(4));
        assertEquals(List.of(), result(events.get("Tagged", from(token), BlockId.LATEST, "other")));
        assertEquals(1, result(events.get("Tagged", from(token), BlockId.LATEST, tagged.args().getHash("tag"))).size(),
                "the topic's hash selects as the string does");

        // Minted(address indexed to, uint256 amount) anonymous: the deploy's second log
        List<DecodedEvent> minted = result(events.get("Minted", from(token), BlockId.LATEST));
        assertEquals(1, minted.size(), minted.toString());
        assertEquals(token.deployer(), minted.get(0).args().getAddress("to"));
        assertEquals(DeployedToken.SUPPLY, minted.get(0).args().getBigInteger("amount"));
        assertEquals(token.deployBlock(), minted.get(0).log().blockNumber());
        assertEquals(1L, minted.get(0).log().logIndex());
        assertEquals(List.of(), result(events.get("Minted", from(token), BlockId.LATEST, h.bob())));

        // every event the ABI names by topic0, in log order
        assertEquals(List.of("Transfer", "Transfer", "Transfer", "Transfer", "Approval", "Tagged"),
                result(events.all(from(token), BlockId.LATEST)).stream().map(DecodedEvent::name).toList());
    }

    @Test
    void streamGoesOverTheRangeInOrderAndEndsWhereTheNodeRefusesWideSpans(DevChain chain, TestContracts contracts) {
        History h = history(contracts);
        DeployedToken token = h.token();
        result(rpc.request("anvil_mine", "0x5")); // empty blocks in the range
        try (LogRangeLimitProxy proxy = new LogRangeLimitProxy(vertx, chain.port(), 2)) {
            EthClient limited = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(proxy.url())));
            List<DecodedEvent> seen = new CopyOnWriteArrayList<>();
            AtomicBoolean ended = new AtomicBoolean();
            new ContractEvents(token.address(), token.abi(), limited).stream("Transfer", from(token), BlockId.LATEST, null, h.carol())
                    .endHandler(v -> ended.set(true)).handler(seen::add);
            Await.until("the stream's end", ended::get, 30);
            assertEquals(List.of("me->carol:200", "bob->carol:30"), seen.stream().map(e -> transfer(h, e)).toList());
            assertMatchesReceipt(seen.get(1), h.receipts().get(2));
            assertTrue(proxy.refused() > 0, "the range was split");
        }
    }

    /** A live watch of {@code token}'s events over WebSocket, on a context of its own, and what it delivered. */
    private record Watch(Context context, SubscriptionStream<DecodedEvent> stream, List<DecodedEvent> seen,
                         List<Throwable> errors) {
        static Watch start(Vertx vertx, DevChain chain, DeployedToken token,
                           Function<ContractEvents, SubscriptionStream<DecodedEvent>> watch) {
            Context context = vertx.getOrCreateContext();
            List<DecodedEvent> seen = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            SubscriptionStream<DecodedEvent> stream = onContext(context, () -> {
                EthClient ws = EthClient.direct(vertx, new WebSocketProvider(vertx, ConnectionOptions.of(chain.wsUrl())));
                return watch.apply(new ContractEvents(token.address(), token.abi(), ws))
                        .exceptionHandler(errors::add).handler(seen::add);
            });
            return new Watch(context, stream, seen, errors);
        }

        void close() {
            context.runOnContext(v -> stream.close());
        }
    }

    @Test
    void watchDeliversNewEventsAsTheyAreMinedOverWebSocket(DevChain chain, TestContracts contracts) {
        DeployedToken token = DeployedToken.deploy(rpc, contracts.get("TestToken"));
        Address bob = token.account(1);
        Watch watch = Watch.start(vertx, chain, token, events -> events.watch("Transfer", token.deployer()));
        List<DecodedEvent> seen = watch.seen();
        // the follower needs its first head before it can see logs of later blocks
        result(rpc.request("anvil_mine", "0x1"));
        JsonNode first = token.send(token.deployer(), "transfer", bob, BigInteger.ONE);
        token.send(bob, "transfer", token.deployer(), BigInteger.ONE); // from bob: not asked for
        JsonNode second = token.send(token.deployer(), "transfer", bob, BigInteger.TWO);
        Await.until("two transfers from the deployer", () -> seen.size() >= 2 || !watch.errors().isEmpty(), 60);
        assertEquals(List.of(), watch.errors());
        assertEquals(List.of(BigInteger.ONE, BigInteger.TWO), seen.stream().map(e -> e.args().getBigInteger("value")).toList());
        assertMatchesReceipt(seen.get(0), first);
        assertMatchesReceipt(seen.get(1), second);
        assertFalse(seen.get(0).log().removed());
        watch.close();
    }

    @Test
    void aWatchWhoseConsumerFallsBehindEndsAsItsOverflowPolicySays(DevChain chain, TestContracts contracts) {
        DeployedToken token = DeployedToken.deploy(rpc, contracts.get("TestToken"));
        Address bob = token.account(1);
        Watch watch = Watch.start(vertx, chain, token, events -> {
            SubscriptionStream<DecodedEvent> s = events.watch(2, OverflowPolicy.FAIL, "Transfer");
            s.pause(); // a consumer that takes nothing
            return s;
        });
        result(rpc.request("anvil_mine", "0x1"));
        // more than the decoded stream (16) and the log buffer (2) hold together
        for (int i = 0; i < 24 && watch.errors().isEmpty(); i++) {
            token.send(token.deployer(), "transfer", bob, BigInteger.ONE);
        }
        Await.until("the overflow", () -> !watch.errors().isEmpty(), 60);
        assertInstanceOf(SubscriptionOverflowException.class, watch.errors().get(0));
        assertEquals(List.of(), watch.seen(), "a paused consumer was given nothing");
        watch.close();
    }

    @Test
    void aLogThatIsNotTheEventItsTopic0NamesFailsTheQueryNamingTheEventAndThePosition(DevChain chain) {
        // LogEmitter emits LOG2(calldata, Transfer's topic0, caller): a Transfer with one topic too few
        Address alice = Address.of(result(rpc.request("eth_accounts")).get(0).asText());
        Address emitter = Address.of(Mined.receipt(rpc, result(rpc.request("eth_sendTransaction", JsonRpcCodec.mapper()
                .createObjectNode().put("from", alice.toChecksumHex()).put("input", LogEmitter.DEPLOY_INPUT))).asText())
                .get("contractAddress").asText());
        JsonNode receipt = Mined.receipt(rpc, result(rpc.request("eth_sendTransaction", JsonRpcCodec.mapper()
                .createObjectNode().put("from", alice.toChecksumHex()).put("to", emitter.toChecksumHex()).put("input", "0x01"))).asText());
        BlockId block = BlockId.number(Long.decode(receipt.get("blockNumber").asText()));
        ContractEvents events = new ContractEvents(emitter,
                Abi.parse("event Transfer(address indexed from, address indexed to, uint256 value)"), client);

        for (Throwable failure : List.of(Await.failure(events.get("Transfer", block, block)),
                Await.failure(events.all(block, block)))) {
            AbiDecodingException e = assertInstanceOf(AbiDecodingException.class, failure);
            assertTrue(e.getMessage().contains("Transfer(address,address,uint256)"), e.getMessage());
            assertTrue(e.getMessage().contains("block " + Long.decode(receipt.get("blockNumber").asText()) + " "), e.getMessage());
            assertTrue(e.getMessage().contains("transaction " + receipt.get("transactionHash").asText()), e.getMessage());
            assertTrue(e.getMessage().contains("log index 0"), e.getMessage());
        }

        // read with the topic count it has, the one byte of data is too short for the values
        ContractEvents shortData = new ContractEvents(emitter,
                Abi.parse("event Transfer(address indexed from, address to, uint256 value)"), client);
        AbiDecodingException e = assertInstanceOf(AbiDecodingException.class,
                Await.failure(shortData.get("Transfer", block, block)));
        assertTrue(e.getMessage().contains("Transfer(address,address,uint256)") && e.getMessage().contains("1 bytes of data")
                && e.getMessage().contains("log index 0"), e.getMessage());
    }

    private static String transfer(History h, DecodedEvent e) {
        return who(h, e.args().getAddress("from")) + "->" + who(h, e.args().getAddress("to")) + ":" + e.args().getBigInteger("value");
    }

    private static String who(History h, Address a) {
        if (a.equals(h.token().deployer())) {
            return "me";
        }
        return a.equals(h.bob()) ? "bob" : a.equals(h.carol()) ? "carol" : a.equals(Address.of("0x" + "00".repeat(20))) ? "0" : a.toString();
    }

    /** The decoded event's log is the receipt's first log: same position, topics and data. */
    private static void assertMatchesReceipt(DecodedEvent event, JsonNode receipt) {
        JsonNode log = receipt.get("logs").get(0);
        assertEquals(log.get("transactionHash").asText(), event.log().transactionHash().toHex());
        assertEquals(Long.decode(log.get("blockNumber").asText()), event.log().blockNumber());
        assertEquals(log.get("blockHash").asText(), event.log().blockHash().toHex());
        assertEquals(Long.decode(log.get("logIndex").asText()), event.log().logIndex());
        assertEquals(Long.decode(log.get("transactionIndex").asText()), event.log().transactionIndex());
        assertEquals(Address.of(log.get("address").asText()), event.log().address());
        assertEquals(log.get("topics").get(0).asText(), event.log().topics().get(0).toHex());
        assertEquals(log.get("data").asText(), event.log().data().toHex());
    }
}
