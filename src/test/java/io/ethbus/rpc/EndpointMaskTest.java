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
    void masksAPasswordHoldingARawAt() {
        assertEquals("https://***@eth.example/rpc", EndpointMask.mask("https://user:p@ss@eth.example/rpc"));
        assertEquals("wss://***@eth.example", EndpointMask.mask("wss://u:a@b@c@eth.example"));
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
    void masksEveryPathSegmentThatMayBeAKey() {
        // short keys, keys without a digit, words: any segment not known to be plain is masked
        assertEquals("https://mainnet.example/v3/***", EndpointMask.mask("https://mainnet.example/v3/s3cr3tK3y99"));
        assertEquals("https://eth.example/v2/***", EndpointMask.mask("https://eth.example/v2/AbCdEfGhIjKlMnOpQrStUvWx"));
        assertEquals("https://eth.example/***/rpc", EndpointMask.mask("https://eth.example/ethereum-mainnet-archive/rpc"));
        assertEquals("https://eth.example/***/***", EndpointMask.mask("https://eth.example/k/x"));
        assertEquals("http://127.0.0.1:8545/***/", EndpointMask.mask("http://127.0.0.1:8545/tenantKey/"));
    }

    @Test
    void masksAQueryWithoutEqualsSign() {
        assertEquals("https://eth.example/rpc?***", EndpointMask.mask("https://eth.example/rpc?SECRETFLAG123"));
        assertEquals("https://eth.example/rpc?***&key=***", EndpointMask.mask("https://eth.example/rpc?SECRETFLAG123&key=v"));
    }

    @Test
    void masksUserinfoButKeepsHostAndPort() {
        assertEquals("http://***@127.0.0.1:8545", EndpointMask.mask("http://user:pass@127.0.0.1:8545"));
        assertEquals("https://***@eth.example:8443/", EndpointMask.mask("https://token@eth.example:8443/"));
    }

    @Test
    void leavesPlainUrlsAlone() {
        assertEquals("http://127.0.0.1:8545", EndpointMask.mask("http://127.0.0.1:8545"));
        assertEquals("http://127.0.0.1:8545/", EndpointMask.mask("http://127.0.0.1:8545/"));
        // well-known route words, in any case, are not keys
        assertEquals("https://eth.example/rpc", EndpointMask.mask("https://eth.example/rpc"));
        assertEquals("wss://eth.example/ws/v3", EndpointMask.mask("wss://eth.example/ws/v3"));
        assertEquals("https://eth.example/Mainnet/HTTP/V1", EndpointMask.mask("https://eth.example/Mainnet/HTTP/V1"));
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
