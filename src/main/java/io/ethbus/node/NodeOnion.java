package io.ethbus.node;

import io.ethbus.middleware.Onion;
import io.ethbus.middleware.RetryMiddleware;
import io.ethbus.middleware.RetryPolicy;
import io.ethbus.middleware.ValidationMiddleware;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Builds the node onion of one endpoint from its middleware settings: the layers that
 * belong to the connection (retry, caches, stale check, PoA, formatting). Each layer is
 * configured under its name in the endpoint's {@code middleware} object and can be turned
 * off with {@code "enabled": false}:
 * <ul>
 *   <li>{@code validation} (on by default): {@link ValidationMiddleware}, innermost of these;</li>
 *   <li>{@code retry} (on by default, outermost): {@link RetryMiddleware} with
 *       {@code maxAttempts}, {@code baseDelayMs}, {@code maxDelayMs}.</li>
 * </ul>
 * Layers that fill transactions for a caller (GasPriceStrategyMiddleware,
 * BufferedGasEstimateMiddleware) belong to the client onion, not here; so does
 * LocalFilterMiddleware when a caller wants filters that outlive a node.
 */
final class NodeOnion {
    private NodeOnion() {
    }

    static Onion defaultStack(EndpointConfig endpoint, Vertx vertx) {
        Onion onion = new Onion();
        JsonObject layers = endpoint.middleware();

        JsonObject validation = layers.getJsonObject("validation", new JsonObject());
        if (validation.getBoolean("enabled", true)) {
            onion.add(new ValidationMiddleware(), "validation");
        }

        // Added last so that it is the outermost layer: a retry repeats every layer below it.
        JsonObject retry = layers.getJsonObject("retry", new JsonObject());
        if (retry.getBoolean("enabled", true)) {
            onion.add(new RetryMiddleware(vertx, retryPolicy(retry)), "retry");
        }
        return onion;
    }

    static RetryPolicy retryPolicy(JsonObject retry) {
        RetryPolicy defaults = RetryPolicy.defaults();
        return defaults.withMaxAttempts(retry.getInteger("maxAttempts", defaults.maxAttempts()))
                .withDelays(Duration.ofMillis(retry.getLong("baseDelayMs", defaults.baseDelay().toMillis())),
                        Duration.ofMillis(retry.getLong("maxDelayMs", defaults.maxDelay().toMillis())));
    }
}
