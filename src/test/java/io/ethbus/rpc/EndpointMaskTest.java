package io.ethbus.rpc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EndpointMaskTest {
    @Test
    void masksUserinfo() {
        assertEquals("https://***@eth.example/rpc", EndpointMask.mask("https://user:pw@eth.example/rpc"));
    }

    @Test
    void masksEveryQueryValue() {
        assertEquals("http://127.0.0.1:8545/?apikey=***&tenant=***",
                EndpointMask.mask("http://127.0.0.1:8545/?apikey=SECRET&tenant=acme"));
    }

    @Test
    void masksKeyLikePathSegments() {
        assertEquals("https://mainnet.example/v3/***",
                EndpointMask.mask("https://mainnet.example/v3/0123456789abcdef0123456789"));
        assertEquals("https://***@eth.example/v3/***?apikey=***",
                EndpointMask.mask("https://user:pw@eth.example/v3/0123456789abcdef0123?apikey=SECRET"));
    }

    @Test
    void leavesPlainUrlsAlone() {
        assertEquals("http://127.0.0.1:8545", EndpointMask.mask("http://127.0.0.1:8545"));
        assertEquals("http://127.0.0.1:8545/", EndpointMask.mask("http://127.0.0.1:8545/"));
        // Long words without digits are names, not keys.
        assertEquals("https://eth.example/ethereum-mainnet-archive/rpc",
                EndpointMask.mask("https://eth.example/ethereum-mainnet-archive/rpc"));
    }

    @Test
    void dropsTheFragment() {
        assertEquals("https://eth.example/rpc", EndpointMask.mask("https://eth.example/rpc#token=abc"));
    }

    @Test
    void nullStaysNull() {
        assertNull(EndpointMask.mask(null));
    }
}
