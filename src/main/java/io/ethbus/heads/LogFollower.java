package io.ethbus.heads;

import io.ethbus.primitives.Hash;
import io.ethbus.eth.LogFilter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Derives a log stream from the gap-free head stream: for each new head, the logs of that
 * block matching the filter (eth_getLogs by block hash); for each reorg, the logs of the
 * removed blocks again with {@code removed: true}, newest first. So logs inherit backfill
 * and reorg handling from the heads, and every log is delivered once per block it is in.
 * Events are handled one at a time, in order. Used from one context only.
 */
public final class LogFollower<T> {
    private final LogFilter filter;
    private final Function<LogFilter, Future<List<T>>> getLogs;
    private final UnaryOperator<T> asRemoved;
    private final Consumer<T> sink;
    private final int window;
    /** Logs delivered per block, the newest {@code window} blocks, to take back on a reorg. */
    private final Map<String, List<T>> byBlock = new LinkedHashMap<>();
    private Future<Void> queue = Future.succeededFuture();

    /**
     * @param getLogs   eth_getLogs for a filter
     * @param asRemoved the same log marked {@code removed: true}
     */
    public LogFollower(LogFilter filter, Function<LogFilter, Future<List<T>>> getLogs, UnaryOperator<T> asRemoved,
                Consumer<T> sink, int window) {
        this.filter = filter;
        this.getLogs = getLogs;
        this.asRemoved = asRemoved;
        this.sink = sink;
        this.window = window;
    }

    /** Takes one head event as published by {@link HeadEventJson}. */
    public Future<Void> onHeadEvent(JsonObject event) {
        queue = queue.transform(ignored -> process(event));
        return queue;
    }

    private Future<Void> process(JsonObject event) {
        switch (event.getString("type", "")) {
            case "head" -> {
                String hash = event.getString("hash");
                return getLogs.apply(filter.atBlock(Hash.of(hash))).map(logs -> {
                    logs.forEach(sink);
                    remember(hash, logs);
                    return null;
                });
            }
            case "reorg" -> {
                List<Object> removed = new ArrayList<>(event.getJsonArray("removed").getList());
                for (int i = removed.size() - 1; i >= 0; i--) {
                    Object ref = removed.get(i);
                    String hash = ref instanceof JsonObject o ? o.getString("hash") : String.valueOf(((Map<?, ?>) ref).get("hash"));
                    List<T> logs = byBlock.remove(hash);
                    if (logs != null) {
                        for (int k = logs.size() - 1; k >= 0; k--) {
                            sink.accept(asRemoved.apply(logs.get(k)));
                        }
                    }
                }
                return Future.succeededFuture();
            }
            default -> {
                return Future.succeededFuture(); // reorgTooDeep: nothing can be taken back
            }
        }
    }

    private void remember(String hash, List<T> logs) {
        byBlock.put(hash, logs);
        while (byBlock.size() > window) {
            byBlock.remove(byBlock.keySet().iterator().next());
        }
    }
}
