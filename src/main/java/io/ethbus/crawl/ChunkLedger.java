package io.ethbus.crawl;

import io.vertx.core.Future;

import java.time.Duration;

/**
 * Who crawls which chunk when several crawlers share one output directory (one per cluster
 * member). A crawler claims a chunk before fetching it, renews its claims while it works and
 * releases a chunk once its files are renamed into place: the files are the record of what is
 * done, the ledger only of who is at work. A claim whose holder died lapses, so that another
 * crawler takes the chunk over.
 */
public interface ChunkLedger {
    /** This crawler's name in the ledger (letters, digits, dashes); also in the names of its temporary files. */
    String self();

    /** Claims {@code chunk} for this crawler: true when it is now this crawler's, false when another live crawler holds it. */
    Future<Boolean> claim(String chunk);

    /** Keeps this crawler's claim on {@code chunk} from lapsing. */
    Future<Void> renew(String chunk);

    /**
     * Renews the claim on {@code chunk} and says whether it is still this crawler's. Asked
     * right before a chunk's files are moved into place: a crawler whose claim lapsed during a
     * long pause, and may have gone to another, drops its files instead of writing the chunk a
     * second time, and asks for the chunk again later.
     */
    Future<Boolean> confirm(String chunk);

    /** Gives up the claim on {@code chunk}: its files are in place, or the crawl stopped. */
    Future<Void> release(String chunk);

    /** How often claims are renewed, and how long to wait before asking again for a chunk another crawler holds. */
    Duration renewEvery();
}
