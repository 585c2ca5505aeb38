package io.ethbus.heads;

import io.ethbus.eth.Block;
import io.ethbus.primitives.Hash;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the heads a node pushes (which may skip numbers after a reconnect, repeat, or switch
 * branch) into a stream where every block number is delivered exactly once, in order:
 * missing numbers are fetched (backfill) and a head that does not extend the last delivered
 * block starts a walk back to the common ancestor, bounded by {@code maxReorgDepth}, giving
 * a {@link HeadEvent.Reorg} followed by the added heads. Heads are processed one at a time,
 * in arrival order. Used from one context only.
 */
public final class HeadSequencer {
    private final BlockSource source;
    private final int maxReorgDepth;
    private final Consumer<HeadEvent> sink;
    /** Delivered canonical blocks, newest last, at most maxReorgDepth + 1 of them. */
    private final Deque<Block> delivered = new ArrayDeque<>();
    private Future<Void> queue = Future.succeededFuture();

    public HeadSequencer(BlockSource source, int maxReorgDepth, Consumer<HeadEvent> sink) {
        this.source = source;
        this.maxReorgDepth = maxReorgDepth;
        this.sink = sink;
    }

    /** Takes one pushed (or polled) head; completes when it has been fully processed. */
    public Future<Void> onHead(Block head) {
        // Chained so that a slow backfill of one head is finished before the next is looked at.
        queue = queue.transform(ignored -> process(head));
        return queue;
    }

    /**
     * Continues a stream someone else delivered up to block {@code lastDelivered} (another
     * member, before this one took over): the next head is linked to it and the numbers
     * between are backfilled, as if this sequencer had delivered it. Only before the first
     * head. When the node does not know the block (reorged away) the stream starts afresh.
     */
    public Future<Void> resumeAfter(Hash lastDelivered) {
        return source.byHash(lastDelivered).map(block -> {
            if (delivered.isEmpty()) {
                delivered.addLast(block);
            }
            return (Void) null;
        }).recover(e -> Future.succeededFuture());
    }

    /** The last block delivered, or null before the first. */
    public Block last() {
        return delivered.peekLast();
    }

    private Future<Void> process(Block head) {
        Block last = delivered.peekLast();
        if (last == null) {
            deliver(head);
            return Future.succeededFuture();
        }
        if (known(head)) {
            return Future.succeededFuture(); // a repeat of something already delivered
        }
        if (head.number() > last.number() + 1) {
            // A gap (missed notifications, a reconnect): fetch what lies between, then link it all.
            return source.byNumbers(last.number() + 1, head.number() - 1).compose(missing -> {
                List<Block> chain = new ArrayList<>(missing);
                chain.add(head);
                return linkAll(chain, 0);
            });
        }
        return link(head);
    }

    private Future<Void> linkAll(List<Block> chain, int index) {
        if (index >= chain.size()) {
            return Future.succeededFuture();
        }
        return link(chain.get(index)).compose(v -> linkAll(chain, index + 1));
    }

    /** Delivers {@code block} if it extends the last delivered block, else resolves the reorg it reveals. */
    private Future<Void> link(Block block) {
        Block last = delivered.peekLast();
        if (known(block)) {
            return Future.succeededFuture();
        }
        if (block.number() == last.number() + 1 && block.parentHash().equals(last.hash())) {
            deliver(block);
            return Future.succeededFuture();
        }
        List<Block> newBranch = new ArrayList<>();
        newBranch.add(block);
        return walkBack(newBranch);
    }

    /** Fetches parents of the new branch until one of them is a delivered block (the common ancestor). */
    private Future<Void> walkBack(List<Block> newBranch) {
        Block oldest = newBranch.get(newBranch.size() - 1);
        Block ancestor = deliveredByHash(oldest.parentHash());
        if (ancestor != null) {
            Collections.reverse(newBranch);
            reorg(ancestor, newBranch);
            return Future.succeededFuture();
        }
        Block first = delivered.peekFirst();
        if (newBranch.size() > maxReorgDepth || oldest.number() <= first.number()) {
            Block newHead = newBranch.get(0);
            delivered.clear();
            sink.accept(new HeadEvent.ReorgTooDeep(maxReorgDepth, newHead));
            deliver(newHead);
            return Future.succeededFuture();
        }
        return source.byHash(oldest.parentHash()).compose(parent -> {
            newBranch.add(parent);
            return walkBack(newBranch);
        });
    }

    private void reorg(Block ancestor, List<Block> added) {
        List<Block> removed = new ArrayList<>();
        while (!delivered.isEmpty() && !delivered.peekLast().hash().equals(ancestor.hash())) {
            removed.add(0, delivered.pollLast());
        }
        if (removed.isEmpty()) {
            // The branch only extends the chain through blocks fetched on the way: no reorg.
            added.forEach(this::deliver);
            return;
        }
        sink.accept(new HeadEvent.Reorg(removed, added));
        added.forEach(this::deliver);
    }

    private void deliver(Block block) {
        delivered.addLast(block);
        while (delivered.size() > maxReorgDepth + 1) {
            delivered.pollFirst();
        }
        sink.accept(new HeadEvent.NewHead(block));
    }

    private boolean known(Block block) {
        Block same = deliveredByHash(block.hash());
        return same != null;
    }

    private Block deliveredByHash(Hash hash) {
        for (Block b : delivered) {
            if (b.hash().equals(hash)) {
                return b;
            }
        }
        return null;
    }
}
