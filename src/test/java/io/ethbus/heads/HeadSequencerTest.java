package io.ethbus.heads;

import io.ethbus.eth.Block;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.JsonRpcCodec;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Gap filling and reorg handling on synthetic chains (branches told apart by a fork tag). */
class HeadSequencerTest {
    final Map<Hash, Block> byHash = new HashMap<>();
    final Map<Long, Block> canonical = new HashMap<>();
    final List<HeadEvent> events = new ArrayList<>();
    int fetches;

    static Hash hashOf(long number, String fork) {
        String hex = String.format("%016x", number) + String.format("%-48s", fork).replace(' ', '0');
        return Hash.of("0x" + hex.substring(0, 64).replaceAll("[^0-9a-f]", "e"));
    }

    /** Builds block {@code number} of branch {@code fork} on top of {@code parentFork} and makes it canonical. */
    Block block(long number, String fork, String parentFork) {
        String z = "0x" + "00".repeat(32);
        String json = "{\"number\":\"0x" + Long.toHexString(number) + "\",\"hash\":\"" + hashOf(number, fork)
                + "\",\"parentHash\":\"" + (number == 0 ? z : hashOf(number - 1, parentFork)) + "\",\"sha3Uncles\":\"" + z
                + "\",\"transactionsRoot\":\"" + z + "\",\"stateRoot\":\"" + z + "\",\"receiptsRoot\":\"" + z
                + "\",\"gasLimit\":\"0x1\",\"gasUsed\":\"0x0\",\"timestamp\":\"0x" + Long.toHexString(number)
                + "\",\"extraData\":\"0x\"}";
        try {
            Block b = Block.fromJson(JsonRpcCodec.mapper().readTree(json));
            byHash.put(b.hash(), b);
            canonical.put(number, b);
            return b;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    HeadSequencer sequencer(int depth) {
        BlockSource source = new BlockSource() {
            @Override
            public Future<List<Block>> byNumbers(long from, long to) {
                fetches++;
                List<Block> out = new ArrayList<>();
                for (long n = from; n <= to; n++) {
                    out.add(canonical.get(n));
                }
                return Future.succeededFuture(out);
            }

            @Override
            public Future<Block> byHash(Hash hash) {
                fetches++;
                return Future.succeededFuture(byHash.get(hash));
            }
        };
        return new HeadSequencer(source, depth, events::add);
    }

    List<Long> newHeadNumbers() {
        return events.stream().filter(e -> e instanceof HeadEvent.NewHead)
                .map(e -> ((HeadEvent.NewHead) e).block().number()).toList();
    }

    @Test
    void consecutiveHeadsPassThroughAndRepeatsAreDropped() {
        HeadSequencer s = sequencer(8);
        for (long n = 0; n < 4; n++) {
            result(s.onHead(block(n, "a", "a")));
        }
        result(s.onHead(canonical.get(3L)));
        result(s.onHead(canonical.get(2L)));
        assertEquals(List.of(0L, 1L, 2L, 3L), newHeadNumbers());
        assertEquals(0, fetches);
    }

    @Test
    void aGapIsBackfilledInOrder() {
        HeadSequencer s = sequencer(8);
        result(s.onHead(block(10, "a", "a")));
        for (long n = 11; n <= 15; n++) {
            block(n, "a", "a");
        }
        result(s.onHead(canonical.get(15L)));
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L, 15L), newHeadNumbers());
        assertEquals(1, fetches, "one batched fetch for the gap");
    }

    @Test
    void aReorgIsReportedWithRemovedAndAddedBlocks() {
        HeadSequencer s = sequencer(8);
        for (long n = 0; n <= 5; n++) {
            result(s.onHead(block(n, "a", "a")));
        }
        // Branch b forks after block 3: b4, b5, b6 replace a4, a5.
        block(4, "b", "a");
        block(5, "b", "b");
        Block b6 = block(6, "b", "b");
        result(s.onHead(b6));
        HeadEvent.Reorg reorg = assertInstanceOf(HeadEvent.Reorg.class, events.get(6));
        assertEquals(List.of(hashOf(4, "a"), hashOf(5, "a")), reorg.removed().stream().map(Block::hash).toList());
        assertEquals(List.of(hashOf(4, "b"), hashOf(5, "b"), hashOf(6, "b")), reorg.added().stream().map(Block::hash).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 4L, 5L, 6L), newHeadNumbers());
        assertEquals(hashOf(6, "b"), s.last().hash());
        result(s.onHead(block(7, "b", "b")));
        assertEquals(7L, s.last().number());
    }

    @Test
    void aReorgDeeperThanTheLimitIsAnErrorEventNotSilence() {
        HeadSequencer s = sequencer(2);
        for (long n = 0; n <= 6; n++) {
            result(s.onHead(block(n, "a", "a")));
        }
        block(2, "c", "a");
        for (long n = 3; n <= 7; n++) {
            block(n, "c", "c");
        }
        result(s.onHead(canonical.get(7L)));
        HeadEvent.ReorgTooDeep deep = events.stream().filter(e -> e instanceof HeadEvent.ReorgTooDeep)
                .map(HeadEvent.ReorgTooDeep.class::cast).findFirst().orElseThrow();
        assertEquals(2, deep.maxDepth());
        assertEquals(hashOf(7, "c"), s.last().hash());
    }
}
