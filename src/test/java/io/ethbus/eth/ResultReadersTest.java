package io.ethbus.eth;

import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.primitives.InvalidHexException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RawJson;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming readers of the large results against the tree decoders: the same JSON gives
 * the same records, and the same bad JSON the same typed error, whichever path reads it.
 */
class ResultReadersTest {
    private static final LogFilter FILTER = LogFilter.builder().build();

    /** Reads {@code json} through the call's streaming reader (raw result) and its tree decoder, and checks they agree. */
    private static <T> T bothWays(RpcCall<T> call, JsonNode json) {
        assertNotNull(call.reader(), call.method() + " has a streaming reader");
        T streamed = call.read(RpcResponse.success(1, RawJson.of(json.toString())), "fixture");
        T tree = call.read(RpcResponse.success(1, json), "fixture");
        assertEquals(tree, streamed);
        return streamed;
    }

    /** Both paths fail with the same exception type and reason (the excerpt aside). */
    private static MalformedResponseException failsBothWays(RpcCall<?> call, JsonNode json) {
        MalformedResponseException streamed = assertThrows(MalformedResponseException.class,
                () -> call.read(RpcResponse.success(1, RawJson.of(json.toString())), "fixture"));
        MalformedResponseException tree = assertThrows(MalformedResponseException.class,
                () -> call.read(RpcResponse.success(1, json), "fixture"));
        // The excerpt after " in " quotes the raw text on one path and the tree's on the other.
        assertEquals(beforeExcerpt(tree.reason()), beforeExcerpt(streamed.reason()));
        assertEquals(tree.getCause() == null ? null : tree.getCause().getClass(),
                streamed.getCause() == null ? null : streamed.getCause().getClass());
        return streamed;
    }

    private static String beforeExcerpt(String reason) {
        int at = reason.lastIndexOf(" in ");
        return at < 0 ? reason : reason.substring(0, at);
    }

    private static ArrayNode logs(int n) {
        JsonNode log = Json.parse(ReceiptAndLogTest.WITH_LOGS).get("logs").get(0);
        ArrayNode logs = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < n; i++) {
            ObjectNode copy = (ObjectNode) log.deepCopy();
            copy.put("logIndex", Hex.quantity(i));
            logs.add(copy);
        }
        return logs;
    }

    @Test
    void logsReadTheSameEitherWay() {
        List<Log> logs = bothWays(EthCalls.getLogs(FILTER), logs(50));
        assertEquals(50, logs.size());
        assertEquals(49L, logs.get(49).logIndex());
        assertEquals(List.of(), bothWays(EthCalls.getLogs(FILTER), JsonNodeFactory.instance.arrayNode()));
        assertEquals(3, bothWays(EthCalls.getFilterLogs(new FilterId("0x1")), logs(3)).size());
    }

    @Test
    void logsOfOneAnswerHoldRepeatedValuesOnce() {
        ArrayNode json = logs(3);
        for (int i = 0; i < 3; i++) {
            ((ObjectNode) json.get(i)).withArray("topics").add(String.format("0x%064x", i)); // differs, as an indexed counter would
        }
        ((ObjectNode) json.get(2)).put("blockHash", "0x" + "ab".repeat(32)).put("blockNumber", "0x3e8");
        ((ObjectNode) json.get(2)).withArray("topics").set(0, "0x" + "cd".repeat(32));
        List<Log> logs = bothWays(EthCalls.getLogs(FILTER), json);

        Log first = logs.get(0);
        Log second = logs.get(1);
        Log third = logs.get(2);
        assertSame(first.address(), second.address());
        assertSame(first.blockHash(), second.blockHash());
        assertSame(first.transactionHash(), second.transactionHash());
        assertSame(first.blockNumber(), second.blockNumber());
        assertSame(first.topics().get(0), second.topics().get(0));
        assertNotEquals(first.topics().get(1), second.topics().get(1));
        // Values that differ from the log before stay the log's own; the rest is still shared.
        assertEquals(Hash.of("0x" + "ab".repeat(32)), third.blockHash());
        assertEquals(1000L, third.blockNumber());
        assertEquals(List.of(Hash.of("0x" + "cd".repeat(32)), Hash.of(String.format("0x%064x", 2))), third.topics());
        assertSame(second.address(), third.address());
        assertSame(second.transactionHash(), third.transactionHash());
        assertEquals(List.of(0L, 1L, 2L), logs.stream().map(Log::logIndex).toList());
    }

    @Test
    void blocksReadTheSameEitherWay() {
        Optional<Block> full = bothWays(EthCalls.getBlockByNumber(BlockId.LATEST, true), Json.parse(BlockTest.WITH_TRANSACTIONS));
        assertTrue(full.orElseThrow().hasFullTransactions());
        assertEquals(full.get().transactions().stream().map(Transaction::hash).toList(), full.get().transactionHashes());
        Optional<Block> hashes = bothWays(EthCalls.getBlockByHash(full.get().hash(), false), Json.parse(BlockTest.WITH_HASHES));
        assertTrue(!hashes.orElseThrow().hasFullTransactions() && !hashes.get().transactionHashes().isEmpty());
        ObjectNode empty = (ObjectNode) Json.parse(BlockTest.WITH_HASHES);
        empty.putArray("transactions");
        assertTrue(bothWays(EthCalls.getBlockByNumber(BlockId.LATEST, true), empty).orElseThrow().transactionHashes().isEmpty());
        assertEquals(Optional.empty(), bothWays(EthCalls.getBlockByNumber(BlockId.LATEST, true), JsonNodeFactory.instance.nullNode()));
    }

    @Test
    void receiptListsReadTheSameEitherWay() {
        ArrayNode receipts = JsonNodeFactory.instance.arrayNode().add(Json.parse(ReceiptAndLogTest.WITH_LOGS))
                .add(Json.parse(ReceiptAndLogTest.WITH_LOGS));
        assertEquals(2, bothWays(EthCalls.getBlockReceipts(BlockId.LATEST), receipts).orElseThrow().size());
    }

    @Test
    void badLogsFailAlikeWithTypedErrors() {
        ArrayNode badHex = logs(3);
        ((ObjectNode) badHex.get(2)).put("logIndex", "0xzz");
        MalformedResponseException hex = failsBothWays(EthCalls.getLogs(FILTER), badHex);
        assertInstanceOf(InvalidHexException.class, hex.getCause());
        assertTrue(hex.reason().contains("log.logIndex"), hex.reason());

        ArrayNode badAddress = logs(2);
        ((ObjectNode) badAddress.get(1)).put("address", "0x1234");
        assertInstanceOf(InvalidAddressException.class, failsBothWays(EthCalls.getLogs(FILTER), badAddress).getCause());

        failsBothWays(EthCalls.getLogs(FILTER), logs(2).addNull());
        failsBothWays(EthCalls.getLogs(FILTER), logs(2).add("0xabc"));
        MalformedResponseException notArray = failsBothWays(EthCalls.getLogs(FILTER), logs(1).get(0));
        assertTrue(notArray.reason().startsWith("expected an array, got OBJECT"), notArray.reason());
    }

    @Test
    void oddButValidMembersReadTheSameEitherWay() {
        RpcCall<Optional<Block>> call = EthCalls.getBlockByNumber(BlockId.LATEST, true);
        ObjectNode block = (ObjectNode) Json.parse(BlockTest.WITH_TRANSACTIONS);
        ObjectNode tx = (ObjectNode) block.get("transactions").get(0);
        tx.put("somethingNew", "0x1").putObject("nested").put("a", 1);
        tx.putNull("to");
        tx.put("blockTimestamp", 1_700_000_000L);
        String text = block.toString().replace("\"gas\"", "\"g\\u0061s\"");
        Block streamed = call.read(RpcResponse.success(1, RawJson.of(text)), "fixture").orElseThrow();
        Block tree = call.read(RpcResponse.success(1, Json.parse(text)), "fixture").orElseThrow();
        assertEquals(tree, streamed);
        assertEquals(Long.valueOf(1_700_000_000L), streamed.transactions().get(0).blockTimestamp());
        assertTrue(text.contains("g\\u0061s") && streamed.transactions().get(0).gas() != null, "a name written with escapes is read");

        // the same member twice: the last one counts, as in a tree
        String twice = block.toString().replaceFirst("\"nonce\":\"(0x[0-9a-f]+)\"", "\"nonce\":\"0x7\",\"nonce\":\"$1\"");
        assertEquals(call.read(RpcResponse.success(1, Json.parse(twice)), "fixture"),
                call.read(RpcResponse.success(1, RawJson.of(twice)), "fixture"));
    }

    @Test
    void mistypedTransactionMembersFailAlike() {
        RpcCall<Optional<Block>> call = EthCalls.getBlockByNumber(BlockId.LATEST, true);
        String[][] cases = {
                {"hash", null, "transaction has no 'hash' (null)"},
                {"nonce", "5", "transaction.nonce must be a hex string, got 5"},
                {"gas", "[\"0x1\"]", "transaction.gas must be a hex string"},
                {"accessList", "\"0x12\"", "transaction.accessList must be an array"},
                {"blobVersionedHashes", "{}", "transaction.blobVersionedHashes must be an array"},
        };
        for (String[] c : cases) {
            ObjectNode block = (ObjectNode) Json.parse(BlockTest.WITH_TRANSACTIONS);
            ObjectNode tx = (ObjectNode) block.get("transactions").get(1);
            tx.set(c[0], c[1] == null ? JsonNodeFactory.instance.nullNode() : Json.parse(c[1]));
            MalformedResponseException e = failsBothWays(call, block);
            assertTrue(e.reason().contains(c[2]), c[0] + ": " + e.reason());
        }
        ObjectNode block = (ObjectNode) Json.parse(BlockTest.WITH_TRANSACTIONS);
        ((ObjectNode) block.get("transactions").get(0)).remove("from");
        assertTrue(failsBothWays(call, block).reason().contains("transaction has no 'from'"));
    }

    @Test
    void mistypedReceiptMembersFailAlike() {
        ObjectNode receipt = (ObjectNode) Json.parse(ReceiptAndLogTest.WITH_LOGS);
        ((ObjectNode) receipt.get("logs").get(0)).put("removed", "yes");
        MalformedResponseException e = failsBothWays(EthCalls.getBlockReceipts(BlockId.LATEST),
                JsonNodeFactory.instance.arrayNode().add(receipt));
        assertTrue(e.reason().contains("log.removed must be a boolean"), e.reason());
    }

    @Test
    void badBlocksFailAlikeWithTypedErrors() {
        RpcCall<Optional<Block>> call = EthCalls.getBlockByNumber(BlockId.LATEST, true);
        ObjectNode badTx = (ObjectNode) Json.parse(BlockTest.WITH_TRANSACTIONS);
        ((ObjectNode) badTx.get("transactions").get(1)).put("value", "0x-3");
        assertInstanceOf(InvalidHexException.class, failsBothWays(call, badTx).getCause());

        ObjectNode mixed = (ObjectNode) Json.parse(BlockTest.WITH_TRANSACTIONS);
        mixed.withArray("transactions").add("0xa725d6cdafe7c040ebb4ef4e46b893c66a9cba21a69a1aab9c28768d25b77a07");
        failsBothWays(call, mixed);

        ObjectNode nullTx = (ObjectNode) Json.parse(BlockTest.WITH_TRANSACTIONS);
        nullTx.withArray("transactions").addNull();
        assertTrue(failsBothWays(call, nullTx).reason().contains("block.transactions[2] is null"));

        ObjectNode missing = (ObjectNode) Json.parse(BlockTest.WITH_TRANSACTIONS);
        missing.remove("timestamp");
        assertTrue(failsBothWays(call, missing).reason().contains("'timestamp'"));

        failsBothWays(call, JsonNodeFactory.instance.textNode("0x1"));
    }
}
