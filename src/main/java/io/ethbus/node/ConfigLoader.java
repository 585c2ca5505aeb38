package io.ethbus.node;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the node configuration: the JSON file ({@code -Dethbus.config}, {@code ETHBUS_CONFIG},
 * else {@code conf/ethbus.json}), then overrides from system properties
 * ({@code -Dethbus.conf.endpoints.default.url=http://...}) and environment variables
 * ({@code ETHBUS_CONF_ENDPOINTS__DEFAULT__URL=http://...}; {@code __} separates levels and
 * names match existing keys regardless of case). System properties win over the environment.
 * Values that parse as JSON are taken as JSON (numbers, booleans, objects), others as strings.
 */
public final class ConfigLoader {
    static final String PROPERTY_PREFIX = "ethbus.conf.";
    static final String ENV_PREFIX = "ETHBUS_CONF_";

    private ConfigLoader() {
    }

    /** The configuration of this process: file, environment, system properties. */
    public static JsonObject load() {
        String file = System.getProperty("ethbus.config", System.getenv("ETHBUS_CONFIG"));
        Path path = Path.of(file == null ? "conf/ethbus.json" : file);
        return withProcessOverrides(file == null && !Files.exists(path) ? new JsonObject() : read(path));
    }

    /** The configuration in {@code file}, with this process's environment and system properties applied. */
    public static JsonObject load(Path file) {
        return withProcessOverrides(read(file));
    }

    private static JsonObject withProcessOverrides(JsonObject base) {
        Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        return withOverrides(base, System.getenv(), properties);
    }

    public static JsonObject read(Path path) {
        try {
            return new JsonObject(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + path, e);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("configuration " + path + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** {@code base} with the overrides found in {@code env} and {@code properties} applied (a new object). */
    public static JsonObject withOverrides(JsonObject base, Map<String, String> env, Map<String, String> properties) {
        JsonObject out = base.copy();
        env.forEach((key, value) -> {
            if (key.startsWith(ENV_PREFIX) && key.length() > ENV_PREFIX.length()) {
                put(out, key.substring(ENV_PREFIX.length()).split("__"), value);
            }
        });
        properties.forEach((key, value) -> {
            if (key.startsWith(PROPERTY_PREFIX) && key.length() > PROPERTY_PREFIX.length()) {
                put(out, key.substring(PROPERTY_PREFIX.length()).split("\\."), value);
            }
        });
        return out;
    }

    private static void put(JsonObject root, String[] path, String value) {
        JsonObject node = root;
        for (int i = 0; i < path.length - 1; i++) {
            String key = matchingKey(node, path[i]);
            JsonObject child = node.getValue(key) instanceof JsonObject o ? o : null;
            if (child == null) {
                child = new JsonObject();
                node.put(key, child);
            }
            node = child;
        }
        node.put(matchingKey(node, path[path.length - 1]), parse(value));
    }

    private static String matchingKey(JsonObject node, String segment) {
        for (String existing : node.fieldNames()) {
            if (existing.equalsIgnoreCase(segment)) {
                return existing;
            }
        }
        return segment.equals(segment.toUpperCase(Locale.ROOT)) ? segment.toLowerCase(Locale.ROOT) : segment;
    }

    private static Object parse(String value) {
        try {
            return Json.decodeValue(value);
        } catch (DecodeException e) {
            return value;
        }
    }
}
