package io.ethbus.crawl;

import java.util.HashMap;
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

    /** Adds block {@code number}; returns what does not link, or null when everything known links. */
    String add(long number, String hash, String parentHash) {
        String before = hashes.remove(number - 1);
        if (before != null && !before.equals(parentHash)) {
            return "block " + number + " has parent " + parentHash + " but block " + (number - 1) + " was " + before;
        } else if (before == null && number > 0) {
            parents.put(number, parentHash);
        }
        String afterParent = parents.remove(number + 1);
        if (afterParent != null && !afterParent.equals(hash)) {
            return "block " + (number + 1) + " has parent " + afterParent + " but block " + number + " is " + hash;
        } else if (afterParent == null) {
            hashes.put(number, hash);
        }
        return null;
    }
}
