package io.ethbus.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RpcMethodTest {
    @Test
    void everyMethodIsFoundByItsWireName() {
        for (RpcMethod m : RpcMethod.values()) {
            assertSame(m, RpcMethod.find(m.wireName()));
        }
        assertNull(RpcMethod.find("eth_noSuchMethod"));
    }

    @Test
    void theBlockParameterIsWhereTheParamsSayItIs() {
        assertEquals(1, RpcMethod.ETH_GET_BALANCE.blockIndex());
        assertTrue(RpcMethod.ETH_GET_BALANCE.blockDefaultsToLatest());
        assertEquals(2, RpcMethod.ETH_GET_STORAGE_AT.blockIndex());
        assertEquals(0, RpcMethod.ETH_GET_BLOCK_BY_NUMBER.blockIndex());
        assertFalse(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.blockDefaultsToLatest());
        assertEquals(1, RpcMethod.ETH_FEE_HISTORY.blockIndex());
        assertEquals(-1, RpcMethod.ETH_GET_BLOCK_BY_HASH.blockIndex());
        assertFalse(RpcMethod.ETH_CHAIN_ID.blockDefaultsToLatest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth_getBalance", "eth_getBlockByHash", "eth_getLogs", "eth_getFilterLogs",
            "net_version", "net_someFutureRead", "web3_sha3", "web3_anything"})
    void readsMayBeSentAgain(String method) {
        assertTrue(RpcMethod.isIdempotent(method), method);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth_sendTransaction", "eth_sendRawTransaction", "eth_sendRawTransactionSync",
            "personal_sendTransaction", "eth_getFilterChanges", "eth_newFilter", "evm_mine", "foo_bar", "eth_sign",
            "eth_newPendingTransactionFilter"})
    void writesAndUnknownsAreNotSentAgain(String method) {
        assertFalse(RpcMethod.isIdempotent(method), method);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth_sendTransaction", "eth_sendRawTransaction", "eth_sendRawTransactionSync",
            "personal_sendTransaction", "personal_signAndSendTransaction"})
    void transactionSendsAreRecognisedKnownOrNot(String method) {
        assertTrue(RpcMethod.sendsTransaction(method), method);
    }

    @Test
    void aNodeSignatureIsNeitherRetriedNorASend() {
        assertEquals(MethodEffect.SIGN, RpcMethod.ETH_SIGN.effect());
        assertFalse(RetryPolicy.defaults().mayRetry("eth_sign"));
        assertFalse(RpcMethod.sendsTransaction("eth_sign"), "signing pays nothing; only its retry is ruled out");
    }

    @Test
    void theRetryDefaultsAreTheTablesReads() {
        RetryPolicy defaults = RetryPolicy.defaults();
        for (RpcMethod m : RpcMethod.values()) {
            assertEquals(m.effect() == MethodEffect.READ, defaults.mayRetry(m.wireName()), m.wireName());
        }
        assertTrue(defaults.mayRetry("net_someFutureRead"));
    }

    @Test
    void cacheRulesMatchWhatTheAnswersDo() {
        // Chain identity never changes; a pinned read never changes; a head read moves with the head.
        assertTrue(RpcMethod.ETH_CHAIN_ID.cachedBy(CacheRule.FOREVER));
        assertTrue(RpcMethod.ETH_GET_BALANCE.cachedBy(CacheRule.FOREVER));
        assertTrue(RpcMethod.ETH_GET_BALANCE.cachedBy(CacheRule.WHILE_HEAD));
        assertFalse(RpcMethod.ETH_BLOCK_NUMBER.cachedBy(CacheRule.FOREVER));
        assertTrue(RpcMethod.ETH_BLOCK_NUMBER.cachedBy(CacheRule.WHILE_HEAD));
        for (RpcMethod m : RpcMethod.values()) {
            if (m.effect() != MethodEffect.READ) {
                for (CacheRule rule : CacheRule.values()) {
                    assertFalse(m.cachedBy(rule), m + " changes state, so it is never cached");
                }
            }
        }
    }
}
