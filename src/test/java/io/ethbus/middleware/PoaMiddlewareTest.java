package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ethbus.eth.Block;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.ethbus.middleware.SimpleCacheMiddlewareTest.request;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoaMiddlewareTest {
    /** 32 bytes of vanity (geth's RLP-encoded version string, zero padded) and a 65-byte clique seal. */
    static final String CLIQUE_EXTRA_DATA = "0xd883010a11846765746888676f312e31372e35856c696e7578"
            + "00000000000000"
            + "9a5d3a1e9c5c1b7b45f3b7c64f6a4a1e2d0c7d1f6e3b2a1908f7e6d5c4b3a29182736455463728190a0b0c0d0e0f10"
            + "2f3e4d5c6b7a8998a7b6c5d4e3f2a1b2c301";

    /** A block as geth --dev (clique) sends it: difficulty 2 for an in-turn signer, no miner, 97 bytes of extraData. */
    static final String CLIQUE_BLOCK = """
            {"baseFeePerGas":"0x342770c0","difficulty":"0x2","extraData":"%s",
             "gasLimit":"0x6691b7","gasUsed":"0x0",
             "hash":"0x4d2cbbd6c4a4d4a4f0a3c1f0e1b8f8c6a1d37f8b2e0a6f4c9d3e1b7a5c2f0e81",
             "logsBloom":"0x%s",
             "miner":"0x0000000000000000000000000000000000000000",
             "mixHash":"0x0000000000000000000000000000000000000000000000000000000000000000",
             "nonce":"0x0000000000000000","number":"0x1",
             "parentHash":"0x6a3a58e4f0e9e5d6c8f2b4a1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a291827",
             "receiptsRoot":"0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
             "sha3Uncles":"0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
             "size":"0x25c",
             "stateRoot":"0x8f5c5e9c4b1d6e0c3a2f7b8e9d0a1c2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b",
             "timestamp":"0x62a8b3f1","totalDifficulty":"0x3","transactions":[],
             "transactionsRoot":"0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
             "uncles":[]}
            """.formatted(CLIQUE_EXTRA_DATA, "00".repeat(256));

    static JsonNode json(String text) {
        return JsonRpcCodec.parse(text.getBytes(StandardCharsets.UTF_8), "fixture", null);
    }

    @Test
    void movesACliqueSealToProofOfAuthorityDataSoThatTheBlockDecodes() {
        assertEquals(97, Hex.decode(CLIQUE_EXTRA_DATA).length);
        JsonNode original = json(CLIQUE_BLOCK);
        RpcTransport transport = new Onion().add(new PoaMiddleware(), "poa")
                .around(CountingTransport.answering(r -> RpcResponse.success(r.id(), original)));

        JsonNode moved = result(transport.send(request(7, "eth_getBlockByNumber", "0x1", false))).result();
        assertFalse(moved.has("extraData"));
        assertEquals(CLIQUE_EXTRA_DATA, moved.get("proofOfAuthorityData").textValue());
        assertTrue(original.has("extraData"), "the node's JSON is copied, not changed in place");

        Block block = Block.fromJson(moved);
        assertNull(block.extraData());
        assertArrayEquals(Hex.decode(CLIQUE_EXTRA_DATA), block.proofOfAuthorityData().toArray());
        assertEquals(1L, block.number());
    }

    @Test
    void movesExtraDataInArraysOfBlocks() {
        ArrayNode blocks = JsonRpcCodec.mapper().createArrayNode().add(json(CLIQUE_BLOCK)).add(json(CLIQUE_BLOCK));
        RpcTransport transport = new Onion().add(new PoaMiddleware(), "poa")
                .around(CountingTransport.answering(r -> RpcResponse.success(r.id(), blocks)));
        JsonNode moved = result(transport.send(request(1, "eth_getBlockByHash", "0x" + "00".repeat(32), false))).result();
        assertEquals(2, moved.size());
        moved.forEach(b -> assertTrue(b.has("proofOfAuthorityData") && !b.has("extraData")));
    }

    @Test
    void leavesOrdinaryBlocksAndOtherMethodsAlone() {
        String vanityOnly = CLIQUE_EXTRA_DATA.substring(0, 2 + 64);
        JsonNode plain = json(CLIQUE_BLOCK.replace(CLIQUE_EXTRA_DATA, vanityOnly));
        JsonNode clique = json(CLIQUE_BLOCK);
        RpcTransport transport = new Onion().add(new PoaMiddleware(), "poa").around(CountingTransport.answering(r ->
                RpcResponse.success(r.id(), r.method().equals("eth_getBlockByNumber") ? plain : clique)));
        assertSame(plain, result(transport.send(request(1, "eth_getBlockByNumber", "latest", false))).result());
        assertSame(clique, result(transport.send(request(2, "eth_getUncleByBlockHashAndIndex", "0x" + "00".repeat(32), "0x0"))).result());
        assertEquals(vanityOnly, Hex.encode(Block.fromJson(plain).extraData().toArray()));
    }
}
