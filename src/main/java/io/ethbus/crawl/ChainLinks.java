package io.ethbus.crawl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the blocks a crawl fetched form one chain: each block's parent hash is the hash
 * of the block before it, across batches, chunks and the rounds of a following crawl. Blocks
 * may be added in any order; a link is checked once both its ends are known, and then
 * forgotten, so what is kept is bounded by the blocks whose neighbour has not arrived yet.
 * Not thread-safe: used from the crawl's event loop.
 */
final class ChainLinks {
    /** Hash of block n, waiting for block n + 1. */
    private final Map<Long, String> hashes = new HashMap<>();
    /** Parent hash of block n, waiting for block n - 1. */
    private final Map<Long, String> parents = new HashMap<>();

    /**
     * Adds block {@code number}; returns what does not link, or null when everything known
     * links. A block that does not link is not kept, so that the same block read again is
     * checked against the same neighbours.
     */
    String add(long number, String hash, String parentHash) {
        String broken = check(number, hash, parentHash);
        if (broken != null) {
            return broken;
        }
        String before = hashes.get(number - 1);
        String afterParent = parents.get(number + 1);
        if (before != null) {
            hashes.remove(number - 1);
        } else if (number > 0) {
            parents.put(number, parentHash);
        }
        if (afterParent != null) {
            parents.remove(number + 1);
        } else {
            hashes.put(number, hash);
        }
        return null;
    }

    /** What does not link between block {@code number} and the blocks known, or null; keeps nothing. */
    String check(long number, String hash, String parentHash) {
        String before = hashes.get(number - 1);
        if (before != null && !before.equals(parentHash)) {
            return "block " + number + " has parent " + parentHash + " but block " + (number - 1) + " was " + before;
        }
        String afterParent = parents.get(number + 1);
        if (afterParent != null && !afterParent.equals(hash)) {
            return "block " + (number + 1) + " has parent " + afterParent + " but block " + number + " is " + hash;
        }
        return null;
    }

    /**
     * Checks one fetched run of consecutive blocks on its own: each links to the one before,
     * the first to the header of the block before the run and the last to the header of the
     * block after it, where those were fetched (null otherwise). Returns what does not link, or null.
     */
    static String breakIn(List<BlockRows> run, BlockRowReader.Link before, BlockRowReader.Link after) {
        BlockRows first = run.get(0);
        if (before != null) {
            if (before.number() != first.number() - 1) {
                return "the header asked for block " + (first.number() - 1) + " is block " + before.number();
            }
            if (!before.hash().equals(first.parentHash())) {
                return linkBreak(first.number(), first.parentHash(), before.hash());
            }
        }
        for (int i = 1; i < run.size(); i++) {
            BlockRows b = run.get(i);
            String previous = run.get(i - 1).hash();
            if (!previous.equals(b.parentHash())) {
                return linkBreak(b.number(), b.parentHash(), previous);
            }
        }
        BlockRows last = run.get(run.size() - 1);
        if (after != null) {
            if (after.number() != last.number() + 1) {
                return "the header asked for block " + (last.number() + 1) + " is block " + after.number();
            }
            if (!after.parentHash().equals(last.hash())) {
                return linkBreak(after.number(), after.parentHash(), last.hash());
            }
        }
        return null;
    }

    private static String linkBreak(long number, String parent, String previousHash) {
        return "block " + number + ".parentHash: expected " + previousHash + " (the hash of block " + (number - 1)
                + " in the same answer), got " + parent;
    }
}
