package io.ethbus.provider;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpProviderOptionsTest {
    private static final String SECRET_URL = "https://user:pw@eth.example/v3/0123456789abcdef0123456789?apikey=SECRET";

    @Test
    void ofUsesTheDefaults() {
        HttpProviderOptions o = HttpProviderOptions.of("http://127.0.0.1:8545");
        assertEquals("http://127.0.0.1:8545", o.url());
        assertEquals(16, o.maxPoolSize());
        assertEquals(Duration.ofSeconds(5), o.connectTimeout());
        assertEquals(Duration.ofSeconds(60), o.idleTimeout());
        assertEquals(Duration.ofSeconds(30), o.requestTimeout());
        assertEquals(Map.of(), o.headers());
        assertTrue(o.gzip());
    }

    @Test
    void builderSetsEveryField() {
        HttpProviderOptions o = HttpProviderOptions.builder("https://eth.example/rpc")
                .maxPoolSize(8)
                .connectTimeout(Duration.ofSeconds(2))
                .idleTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer x")
                .gzip(false)
                .build();
        assertEquals(8, o.maxPoolSize());
        assertEquals(Duration.ofSeconds(2), o.connectTimeout());
        assertEquals(Duration.ofSeconds(10), o.idleTimeout());
        assertEquals(Duration.ofSeconds(5), o.requestTimeout());
        assertEquals(Map.of("Authorization", "Bearer x"), o.headers());
        assertFalse(o.gzip());
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void headersCannotBeChangedAfterBuild() {
        HttpProviderOptions o = HttpProviderOptions.builder("http://127.0.0.1:8545").header("X-A", "1").build();
        assertThrows(UnsupportedOperationException.class, () -> o.headers().put("X-B", "2"));
    }

    @Test
    void toStringMasksUrlAndHeaderValues() {
        String text = HttpProviderOptions.builder(SECRET_URL).header("Authorization", "Bearer topsecret").build().toString();
        assertTrue(text.contains("Authorization=***"), text);
        assertNoSecret(text);
    }

    @Test
    void rejectsWhatCannotWork() {
        assertInvalid(() -> HttpProviderOptions.of(null));
        assertInvalid(() -> HttpProviderOptions.of("ws://127.0.0.1:8545"));
        assertInvalid(() -> HttpProviderOptions.of("127.0.0.1:8545"));
        assertInvalid(() -> HttpProviderOptions.of("http:///path-only"));
        assertInvalid(() -> HttpProviderOptions.builder("http://127.0.0.1:8545").maxPoolSize(0).build());
        assertInvalid(() -> HttpProviderOptions.builder("http://127.0.0.1:8545").connectTimeout(Duration.ZERO).build());
        assertInvalid(() -> HttpProviderOptions.builder("http://127.0.0.1:8545").idleTimeout(Duration.ofSeconds(-1)).build());
        assertInvalid(() -> HttpProviderOptions.builder("http://127.0.0.1:8545").requestTimeout(null).build());
        assertInvalid(() -> HttpProviderOptions.builder("http://127.0.0.1:8545").header("Bad Name", "x").build());
        assertInvalid(() -> HttpProviderOptions.builder("http://127.0.0.1:8545").header("X-A", "a\r\nX-B: b").build());
    }

    @Test
    void errorsNameTheMaskedUrlOnly() {
        IllegalArgumentException pool = assertInvalid(() -> HttpProviderOptions.builder(SECRET_URL).maxPoolSize(-1).build());
        assertTrue(pool.getMessage().contains("eth.example"), pool.getMessage());
        assertNoSecret(pool.getMessage());

        IllegalArgumentException scheme = assertInvalid(() -> HttpProviderOptions.of(SECRET_URL.replace("https", "ftp")));
        assertNoSecret(scheme.getMessage());

        IllegalArgumentException syntax = assertInvalid(() -> HttpProviderOptions.of("http://user:pw@eth example/?apikey=SECRET"));
        assertNoSecret(syntax.getMessage());

        IllegalArgumentException header = assertInvalid(() -> HttpProviderOptions.builder(SECRET_URL)
                .header("Authorization", "Bearer SECRET\n").build());
        assertNoSecret(header.getMessage());
    }

    private static IllegalArgumentException assertInvalid(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run);
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains("pw") || text.contains("SECRET") || text.contains("topsecret")
                || text.contains("0123456789abcdef0123456789"), text);
    }
}
