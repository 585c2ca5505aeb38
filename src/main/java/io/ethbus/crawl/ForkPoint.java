package io.ethbus.crawl;

import io.ethbus.primitives.Hex;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Where a crawl's blocks and the node's canonical chain part: the newest block passed whose
 * hash the node still gives for its number. Asked block by block, newest first, on the crawl's
 * context (no blocking).
 */
final class ForkPoint {
    private ForkPoint() {
    }

    /** The fork block, or a failure when none of {@code passed} is canonical any more (a reorg deeper than kept). */
    static Future<Long> find(RpcCaller caller, NavigableMap<Long, String> passed) {
        return next(caller, passed.descendingMap().entrySet().iterator());
    }

    private static Future<Long> next(RpcCaller caller, Iterator<Map.Entry<Long, String>> newestFirst) {
        if (!newestFirst.hasNext()) {
            return Future.failedFuture(new CrawlException("the reorganisation goes below every block the crawl keeps "
                    + "the hash of; crawl the range again with --overwrite", null));
        }
        Map.Entry<Long, String> block = newestFirst.next();
        return caller.request("eth_getBlockByNumber", Hex.quantity(block.getKey()), false).compose(node ->
                node != null && block.getValue().equals(node.path("hash").asText())
                        ? Future.succeededFuture(block.getKey()) : next(caller, newestFirst));
    }
}
