package io.ethbus.crawl;

import io.vertx.core.Future;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A one-crawler ledger in memory whose claim on the first chunk the crawler finishes lapses,
 * as after a long pause: by the time the crawler confirms the claim, another member has taken
 * the chunk over, written it ({@code otherMember} gets the chunk) and released it. The cluster
 * ledger itself is tested across real member JVMs in {@code CrawlClusterTest}; this one drives
 * the crawler through the lapse without having to freeze a JVM at the right moment.
 */
final class LapsingLedger implements ChunkLedger {
    private final Map<String, String> claims = new ConcurrentHashMap<>();
    private final Consumer<Chunk> otherMember;
    private volatile Chunk lapsed;

    LapsingLedger(Consumer<Chunk> otherMember) {
        this.otherMember = otherMember;
    }

    /** The chunk whose claim lapsed; null until one did. */
    Chunk lapsed() {
        return lapsed;
    }

    @Override
    public String self() {
        return "me";
    }

    @Override
    public Future<Boolean> claim(String chunk) {
        String holder = claims.putIfAbsent(chunk, self());
        return Future.succeededFuture(holder == null || holder.equals(self()));
    }

    @Override
    public Future<Void> renew(String chunk) {
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Boolean> confirm(String chunk) {
        if (lapsed == null) {
            lapsed = parse(chunk);
            claims.put(chunk, "other");
            otherMember.accept(lapsed);
            claims.remove(chunk, "other");
            return Future.succeededFuture(false);
        }
        return Future.succeededFuture(self().equals(claims.get(chunk)));
    }

    @Override
    public Future<Void> release(String chunk) {
        claims.remove(chunk, self());
        return Future.succeededFuture();
    }

    @Override
    public Duration renewEvery() {
        return Duration.ofMillis(100);
    }

    /** The chunk of a crawler's ledger key, {@code <dir>/<first>-<last>.<extension>}. */
    private static Chunk parse(String key) {
        String name = Path.of(key).getFileName().toString();
        String range = name.substring(0, name.indexOf('.'));
        int dash = range.indexOf('-');
        return new Chunk(Long.parseLong(range.substring(0, dash)), Long.parseLong(range.substring(dash + 1)));
    }
}
