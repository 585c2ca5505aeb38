package io.ethbus.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiException;
import io.ethbus.client.EthClient;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.ethbus.testsupport.Await;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad answers and bad input, with canned eth_getLogs answers: a log of another contract or of
 * another event fails the query with a typed error naming it; the topics asked for are the
 * encoded indexed values; values that do not fit fail before anything is sent.
 */
class EventAnswerCheckTest {
    static final Abi ABI = Abi.parse(
            "event Transfer(address indexed from, address indexed to, uint256 value)",
            "event Approval(address indexed owner, address indexed spender, uint256 value)",
            "event Tagged(string indexed tag, address indexed who, bytes note)");
    static final Address TOKEN = Address.of("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    static final Address ALICE = Address.of("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    static final String ALICE_TOPIC = "0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    /** Answers every eth_getLogs with {@code logs}; keeps the requests. */
    record CannedLogs(String logs, List<RpcRequest> requests) implements RpcTransport {
        CannedLogs(String logs) {
            this(logs, new ArrayList<>());
        }

        @Override
        public Future<RpcResponse> send(RpcRequest request) {
            requests.add(request);
            return Future.succeededFuture(RpcResponse.success(request.id(), json(logs)));
        }

        @Override
        public Future<List<RpcResponse>> sendBatch(List<RpcRequest> batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String endpoint() {
            return "canned";
        }
    }

    static String log(String address, String... topics) {
        return "{\"address\":\"" + address + "\",\"topics\":[\"" + String.join("\",\"", topics) + "\"],\"data\":\"0x"
                + "00".repeat(31) + "07\",\"blockNumber\":\"0x9\",\"blockHash\":\"0x" + "ab".repeat(32)
                + "\",\"transactionHash\":\"0x" + "cd".repeat(32) + "\",\"transactionIndex\":\"0x0\",\"logIndex\":\"0x2\",\"removed\":false}";
    }

    static JsonNode json(String text) {
        return JsonRpcCodec.parse(text.getBytes(StandardCharsets.UTF_8), "canned", "canned");
    }

    static ContractEvents events(CannedLogs node) {
        return new ContractEvents(TOKEN, ABI, EthClient.over(node));
    }

    @Test
    void aLogOfAnotherContractFailsTheQueryNamingBothAndThePosition() {
        String transfer = ABI.event("Transfer").topic0().toHex();
        CannedLogs node = new CannedLogs("[" + log("0x" + "11".repeat(20), transfer, ALICE_TOPIC, ALICE_TOPIC) + "]");
        for (Throwable failure : List.of(Await.failure(events(node).get("Transfer", BlockId.number(0), BlockId.LATEST)),
                Await.failure(events(node).all(BlockId.number(0), BlockId.LATEST)))) {
            MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, failure);
            assertTrue(e.getMessage().contains("0x1111111111111111111111111111111111111111")
                    && e.getMessage().contains(TOKEN.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("block 9") && e.getMessage().contains("log index 2"), e.getMessage());
            assertTrue(e.getMessage().startsWith("eth_getLogs"), e.getMessage());
        }
    }

    @Test
    void aLogOfAnotherEventFailsTheQueryNamingTheTopics() {
        String approval = ABI.event("Approval").topic0().toHex();
        CannedLogs node = new CannedLogs("[" + log(TOKEN.toString(), approval, ALICE_TOPIC, ALICE_TOPIC) + "]");
        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class,
                Await.failure(events(node).get("Transfer", BlockId.number(0), BlockId.LATEST)));
        assertTrue(e.getMessage().contains(approval) && e.getMessage().contains("Transfer(address,address,uint256)"), e.getMessage());
    }

    @Test
    void theQueryAsksForTheEncodedIndexedValues() {
        CannedLogs node = new CannedLogs("[]");
        Await.result(events(node).get("Transfer", BlockId.number(1), BlockId.LATEST, null, List.of(ALICE, TOKEN)));
        Await.result(events(node).get("Tagged", BlockId.number(1), BlockId.number(5), "vip"));
        String transfer = ABI.event("Transfer").topic0().toHex();
        assertEquals(json("{\"fromBlock\":\"0x1\",\"toBlock\":\"latest\",\"address\":\"" + TOKEN.toChecksumHex()
                        + "\",\"topics\":[\"" + transfer + "\",null,[\"" + ALICE_TOPIC + "\",\"0x000000000000000000000000"
                        + TOKEN.toString().substring(2).toLowerCase(Locale.ROOT) + "\"]]}"),
                node.requests().get(0).params().get(0));
        String vip = new Hash(Keccak.keccak256("vip".getBytes(StandardCharsets.UTF_8))).toHex();
        assertEquals(json("[\"" + ABI.event("Tagged").topic0().toHex() + "\",\"" + vip + "\"]"),
                node.requests().get(1).params().get(0).get("topics"));
    }

    @Test
    void valuesThatDoNotFitFailBeforeAnythingIsSent() {
        CannedLogs node = new CannedLogs("[]");
        AbiException tooMany = assertInstanceOf(AbiException.class, Await.failure(
                events(node).get("Transfer", BlockId.number(0), BlockId.LATEST, ALICE, ALICE, ALICE)));
        assertTrue(tooMany.getMessage().contains("Transfer(address,address,uint256): 2 indexed parameters"), tooMany.getMessage());
        AbiException wrongType = assertInstanceOf(AbiException.class, Await.failure(
                events(node).get("Transfer", BlockId.number(0), BlockId.LATEST, null, "alice")));
        assertTrue(wrongType.getMessage().contains("indexed argument 1 (to)"), wrongType.getMessage());
        AbiException notAString = assertThrows(AbiException.class,
                () -> EventFilter.of(ABI.event("Tagged")).topics(42));
        assertTrue(notAString.getMessage().contains("indexed argument 0 (tag)"), notAString.getMessage());
        assertThrows(AbiException.class, () -> events(node).stream("NoSuchEvent", BlockId.number(0), BlockId.LATEST));
        assertEquals(List.of(), node.requests());
    }
}
