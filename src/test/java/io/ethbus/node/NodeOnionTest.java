package io.ethbus.node;

import io.ethbus.middleware.Onion;
import io.ethbus.middleware.RetryMiddleware;
import io.ethbus.provider.HttpProviderOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodeOnionTest {
    static EndpointConfig endpoint(JsonObject middleware) {
        return new EndpointConfig("local", HttpProviderOptions.of("http://127.0.0.1:1"), middleware);
    }

    @Test
    void retryIsOutermostAndValidationOnByDefault() {
        Vertx vertx = Vertx.vertx();
        try {
            Onion onion = NodeOnion.defaultStack(endpoint(null), vertx);
            assertEquals(List.of("metrics", "retry", "simple_cache", "validation", "node_metrics"), onion.names());

            JsonObject config = new JsonObject()
                    .put("retry", new JsonObject().put("maxAttempts", 2).put("baseDelayMs", 7).put("maxDelayMs", 70))
                    .put("validation", new JsonObject().put("enabled", false));
            Onion configured = NodeOnion.defaultStack(endpoint(config), vertx);
            assertEquals(List.of("metrics", "retry", "simple_cache", "node_metrics"), configured.names());
            RetryMiddleware retry = (RetryMiddleware) configured.get("retry").orElseThrow();
            assertEquals(2, retry.policy().maxAttempts());
            assertEquals(Duration.ofMillis(7), retry.policy().baseDelay());
            assertEquals(Duration.ofMillis(70), retry.policy().maxDelay());

            JsonObject off = new JsonObject().put("retry", new JsonObject().put("enabled", false));
            assertEquals(List.of("metrics", "simple_cache", "validation", "node_metrics"), NodeOnion.defaultStack(endpoint(off), vertx).names());
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void retryAndValidationTakeAPlainBooleanLikeEveryOtherLayer() {
        Vertx vertx = Vertx.vertx();
        try {
            JsonObject off = new JsonObject().put("retry", false).put("validation", false);
            assertEquals(List.of("metrics", "simple_cache", "node_metrics"), NodeOnion.defaultStack(endpoint(off), vertx).names());
            JsonObject on = new JsonObject().put("retry", true).put("validation", true);
            assertEquals(List.of("metrics", "retry", "simple_cache", "validation", "node_metrics"),
                    NodeOnion.defaultStack(endpoint(on), vertx).names());
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void aLayerThatIsNeitherASwitchNorSettingsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> endpoint(new JsonObject().put("retry", 5)));
        assertEquals("endpoint 'local': middleware 'retry' must be true, false or a settings object, got 5", e.getMessage());
    }
}
