package io.ethbus.eth;

import io.ethbus.primitives.InvalidHexException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.MalformedResponseException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeeHistoryAndSyncStatusTest {
    // anvil, eth_feeHistory("0x4", "latest", [25, 75])
    private static final String FEE_HISTORY = """
            {"baseFeePerGas":["0x3b9aca00","0x342a1c58","0x2da7a992","0x27f4bffc","0x2cf357fb"],
             "gasUsedRatio":[0.0007,0.0008433333333333333,0.0007,1.0],
             "baseFeePerBlobGas":["0x1","0x1","0x1","0x1","0x1"],"blobGasUsedRatio":[0.0,0.0,0.0,0.0],
             "oldestBlock":"0x1",
             "reward":[["0x3b9aca00","0x3b9aca00"],["0x430b77a8","0x430b77a8"],["0x3b9aca00","0x3b9aca00"],["0x3b9aca00","0x3b9aca00"]]}
            """;

    @Test
    void feeHistory() {
        FeeHistory h = FeeHistory.fromJson(Json.parse(FEE_HISTORY));
        assertEquals(1L, h.oldestBlock());
        assertEquals(5, h.baseFeePerGas().size());
        assertEquals(BigInteger.valueOf(1_000_000_000), h.baseFeePerGas().get(0));
        assertEquals(BigInteger.valueOf(875_175_000), h.baseFeePerGas().get(1));
        assertEquals(BigInteger.valueOf(754_145_275), h.baseFeePerGas().get(4));
        assertEquals(List.of(0.0007, 0.0008433333333333333, 0.0007, 1.0), h.gasUsedRatio());
        assertEquals(4, h.reward().size());
        assertEquals(List.of(BigInteger.valueOf(1_124_825_000), BigInteger.valueOf(1_124_825_000)), h.reward().get(1));
        assertEquals(List.of(BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE), h.baseFeePerBlobGas());
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), h.blobGasUsedRatio());
        assertThrows(UnsupportedOperationException.class, () -> h.reward().get(0).clear());
        assertThrows(UnsupportedOperationException.class, () -> h.reward().clear());
    }

    @Test
    void feeHistoryWithoutPercentilesOrBlobs() {
        ObjectNode node = (ObjectNode) Json.parse(FEE_HISTORY);
        node.remove("reward");
        node.remove("baseFeePerBlobGas");
        node.remove("blobGasUsedRatio");
        FeeHistory h = FeeHistory.fromJson(node);
        assertEquals(List.of(), h.reward());
        assertEquals(List.of(), h.baseFeePerBlobGas());
        assertEquals(List.of(), h.blobGasUsedRatio());
        assertEquals(4, h.gasUsedRatio().size());
    }

    @Test
    void feeHistoryErrors() {
        ObjectNode badReward = (ObjectNode) Json.parse(FEE_HISTORY);
        ((com.fasterxml.jackson.databind.node.ArrayNode) badReward.get("reward").get(2)).set(1,
                com.fasterxml.jackson.databind.node.TextNode.valueOf("0xq"));
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> FeeHistory.fromJson(badReward));
        assertTrue(e.getMessage().startsWith("feeHistory.reward[2][1]: "), e.getMessage());

        ObjectNode noOldest = (ObjectNode) Json.parse(FEE_HISTORY);
        noOldest.remove("oldestBlock");
        assertThrows(MalformedResponseException.class, () -> FeeHistory.fromJson(noOldest));

        ObjectNode textRatio = (ObjectNode) Json.parse(FEE_HISTORY);
        textRatio.putArray("gasUsedRatio").add("0.5");
        assertThrows(MalformedResponseException.class, () -> FeeHistory.fromJson(textRatio));
    }

    @Test
    void notSyncing() {
        SyncStatus s = SyncStatus.fromJson(Json.parse("false"));
        assertSame(SyncStatus.NOT_SYNCING, s);
        assertFalse(s.syncing());
        assertNull(s.currentBlock());
    }

    @Test
    void syncing() {
        SyncStatus s = SyncStatus.fromJson(Json.parse("""
                {"startingBlock":"0x384","currentBlock":"0x386","highestBlock":"0x454",
                 "pulledStates":"0x0","knownStates":"0x0"}
                """));
        assertTrue(s.syncing());
        assertEquals(900L, s.startingBlock());
        assertEquals(902L, s.currentBlock());
        assertEquals(1108L, s.highestBlock());
    }

    @Test
    void syncStatusRejectsOtherShapes() {
        assertThrows(MalformedResponseException.class, () -> SyncStatus.fromJson(Json.parse("true")));
        assertThrows(MalformedResponseException.class, () -> SyncStatus.fromJson(Json.parse("\"0x1\"")));
        assertThrows(MalformedResponseException.class, () -> SyncStatus.fromJson(null));
        assertThrows(InvalidHexException.class, () -> SyncStatus.fromJson(Json.parse("{\"currentBlock\":\"12\"}")));
    }
}
