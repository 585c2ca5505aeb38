package io.ethbus.heads;

import io.ethbus.eth.Block;

import java.util.List;

/** What a head stream delivers: each block once and in order, reorgs, and reorgs too deep to follow. */
public sealed interface HeadEvent permits HeadEvent.NewHead, HeadEvent.Reorg, HeadEvent.ReorgTooDeep {
    /** The next block of the canonical chain as this stream knows it. */
    record NewHead(Block block) implements HeadEvent {
    }

    /**
     * The chain switched branch: {@code removed} (oldest first) are no longer canonical; the
     * {@code added} blocks (oldest first) follow as {@link NewHead} events right after this one.
     */
    record Reorg(List<Block> removed, List<Block> added) implements HeadEvent {
        public Reorg {
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }

        public long depth() {
            return removed.size();
        }
    }

    /**
     * No common ancestor within {@code maxDepth} blocks: the stream starts afresh at
     * {@code newHead}, and the consumer must not assume continuity.
     */
    record ReorgTooDeep(int maxDepth, Block newHead) implements HeadEvent {
    }
}
