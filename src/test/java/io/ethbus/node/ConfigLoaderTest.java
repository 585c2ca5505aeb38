package io.ethbus.node;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    static final JsonObject BASE = new JsonObject().put("defaultEndpoint", "main").put("endpoints",
            new JsonObject().put("main", new JsonObject().put("url", "http://127.0.0.1:8545").put("maxPoolSize", 16)));

    @Test
    void environmentOverridesMatchExistingKeysRegardlessOfCase() {
        JsonObject out = ConfigLoader.withOverrides(BASE, Map.of(
                "ETHBUS_CONF_ENDPOINTS__MAIN__MAXPOOLSIZE", "4",
                "ETHBUS_CONF_ENDPOINTS__BACKUP__URL", "http://127.0.0.1:9545",
                "PATH", "/usr/bin"), Map.of());
        assertEquals(4, out.getJsonObject("endpoints").getJsonObject("main").getInteger("maxPoolSize"));
        assertEquals("http://127.0.0.1:9545", out.getJsonObject("endpoints").getJsonObject("backup").getString("url"));
        assertEquals(16, BASE.getJsonObject("endpoints").getJsonObject("main").getInteger("maxPoolSize"), "base untouched");
        assertTrue(!out.containsKey("path"));
    }

    @Test
    void systemPropertiesWinOverEnvironment() {
        JsonObject out = ConfigLoader.withOverrides(BASE,
                Map.of("ETHBUS_CONF_ENDPOINTS__MAIN__URL", "http://127.0.0.1:1"),
                Map.of("ethbus.conf.endpoints.main.url", "http://127.0.0.1:2", "ethbus.conf.defaultDeadlineMs", "1500"));
        assertEquals("http://127.0.0.1:2", out.getJsonObject("endpoints").getJsonObject("main").getString("url"));
        assertEquals(1500, out.getInteger("defaultDeadlineMs"));
        NodeConfig config = NodeConfig.fromJson(out);
        assertEquals("main", config.defaultEndpoint());
        assertEquals(1500, config.defaultDeadline().toMillis());
    }

    @Test
    void badConfigurationIsAClearError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{ not json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.read(file));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.fromJson(new JsonObject()));
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class, () -> NodeConfig.fromJson(
                new JsonObject().put("endpoints", new JsonObject().put("x", new JsonObject()))));
        assertTrue(noUrl.getMessage().contains("'x'"), noUrl.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.fromJson(BASE.copy().put("defaultEndpoint", "zzz")));
    }

    @Test
    void middlewareSwitchesAreBooleansOrSettingsObjects() {
        JsonObject json = BASE.copy();
        JsonObject main = json.getJsonObject("endpoints").getJsonObject("main");
        main.put("middleware", new JsonObject().put("retry", false).put("validation", false));
        assertEquals(false, NodeConfig.fromJson(json).endpoints().get("main").middleware().getValue("retry"));
        main.put("middleware", new JsonObject().put("validation", "off"));
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class, () -> NodeConfig.fromJson(json));
        assertTrue(layer.getMessage().contains("middleware 'validation' must be true, false or a settings object"), layer.getMessage());
        main.put("middleware", true);
        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class, () -> NodeConfig.fromJson(json));
        assertTrue(whole.getMessage().contains("middleware must be an object"), whole.getMessage());
    }

    @Test
    void shippedConfigurationParses() {
        NodeConfig config = NodeConfig.fromJson(ConfigLoader.read(Path.of("conf/ethbus.json")));
        assertTrue(config.endpoints().containsKey(config.defaultEndpoint()));
    }
}
