package io.ethbus.primitives;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockIdTest {
    private static final String HASH = "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b";

    @Test
    void constantsAreTheTags() {
        assertSame(BlockId.Tag.LATEST, BlockId.LATEST);
        assertSame(BlockId.Tag.EARLIEST, BlockId.EARLIEST);
        assertSame(BlockId.Tag.PENDING, BlockId.PENDING);
        assertSame(BlockId.Tag.SAFE, BlockId.SAFE);
        assertSame(BlockId.Tag.FINALIZED, BlockId.FINALIZED);
        for (BlockId.Tag tag : BlockId.Tag.values()) {
            assertNotNull(tag);
        }
    }

    @Test
    void parsesTagsInAnyCase() {
        assertSame(BlockId.LATEST, BlockId.parse("latest"));
        assertSame(BlockId.FINALIZED, BlockId.parse("FINALIZED"));
        assertSame(BlockId.SAFE, BlockId.parse("Safe"));
        assertSame(BlockId.PENDING, BlockId.parse("pending"));
        assertSame(BlockId.EARLIEST, BlockId.parse("earliest"));
    }

    @Test
    void parsesNumbersAndHashes() {
        assertEquals(BlockId.number(68943), BlockId.parse("0x10d4f"));
        assertEquals(BlockId.number(68943), BlockId.parse("68943"));
        assertEquals(BlockId.number(0), BlockId.parse("0x0"));
        assertEquals(BlockId.number(0), BlockId.parse("0"));
        assertEquals(BlockId.number(10), BlockId.parse("0x000a"));
        assertEquals(BlockId.number(new BigInteger("123456789012345678901234567890")),
                BlockId.parse("123456789012345678901234567890"));
        BlockId byHash = BlockId.parse(HASH);
        assertEquals(new BlockId.ByHash(Hash.of(HASH), false), byHash);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"newest", "0x", "0xg", "-1", "1.5", "0x000000000000000000000000000000000000000000000000000000000000000g", " latest", "12a"})
    void rejectsGarbage(String text) {
        assertThrows(InvalidHexException.class, () -> BlockId.parse(text));
    }

    @Test
    void negativeNumberRejected() {
        assertThrows(InvalidHexException.class, () -> BlockId.number(-1));
        assertThrows(InvalidHexException.class, () -> BlockId.number(BigInteger.valueOf(-5)));
    }

    @Test
    void wireParams() throws Exception {
        assertEquals("\"0x10d4f\"", write(BlockId.number(68943).toParam()));
        assertEquals("\"0x0\"", write(BlockId.number(0).toParam()));
        assertEquals("\"latest\"", write(BlockId.LATEST.toParam()));
        assertEquals("\"finalized\"", write(BlockId.FINALIZED.toParam()));
        assertEquals("{\"blockHash\":\"" + HASH + "\"}", write(BlockId.hash(Hash.of(HASH)).toParam()));
        assertEquals("{\"blockHash\":\"" + HASH + "\",\"requireCanonical\":true}",
                write(new BlockId.ByHash(Hash.of(HASH), true).toParam()));
        assertEquals(new BlockId.ByHash(Hash.of(HASH), true), ((BlockId.ByHash) BlockId.hash(Hash.of(HASH))).canonical());
    }

    @Test
    void blockParamIsNumberOrTagOnly() {
        assertEquals("0xa", BlockId.number(10).toBlockParam());
        assertEquals("pending", BlockId.PENDING.toBlockParam());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockId.hash(Hash.of(HASH)).toBlockParam());
        assertTrue(e.getMessage().contains(HASH));
    }

    @Test
    void parseRoundTripsThroughBlockParam() {
        for (BlockId id : new BlockId[]{BlockId.number(1), BlockId.number(1L << 40), BlockId.SAFE}) {
            assertEquals(id, BlockId.parse(id.toBlockParam()));
        }
        assertFalse(BlockId.parse("0x1") instanceof BlockId.ByHash);
    }

    private static String write(JsonNode node) throws Exception {
        return JsonRpcCodec.mapper().writeValueAsString(node);
    }
}
