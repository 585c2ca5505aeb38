package io.ethbus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * A provider on a persistent connection that can also push: {@code eth_subscribe} for
 * newHeads, logs (with a filter), newPendingTransactions and syncing. Notifications reach
 * the handler on the provider's context as they arrive; nothing polls.
 */
public interface SubscriptionProvider extends Provider {
    /**
     * Subscribes to {@code kind} ("newHeads", "logs", "newPendingTransactions", "syncing");
     * {@code filter} is the logs filter object or null. The future carries the subscription id.
     */
    Future<String> subscribe(String kind, JsonNode filter, Handler<JsonNode> onNotification);

    /** Ends a subscription: eth_unsubscribe, and its handler is called no more. */
    Future<Boolean> unsubscribe(String subscriptionId);

    /**
     * Called with the reason whenever the connection drops without {@link #close()}: its
     * subscriptions are gone, and the next call opens a new connection.
     */
    void disconnectHandler(Handler<String> handler);
}
