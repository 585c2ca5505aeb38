package io.ethbus.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Mined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Contract addresses computed before mining are the ones the chain gives. */
@ExtendWith(AnvilExtension.class)
class ContractAddressTest {
    /** PUSH1 1, PUSH1 0, RETURN: one byte of fresh memory, so the runtime code is 0x00 (STOP). */
    private static final String INIT_CODE = "0x600160" + "00f3";
    /** The deterministic deployment proxy anvil preinstalls: call data salt ++ init code, CREATE2 from itself. */
    private static final Address CREATE2_PROXY = Address.ofAnyCase("0x4e59b44847b379578588920ca78fbf26c0b4956c");

    @ParameterizedTest(name = "EIP-1014 example {index}")
    @CsvSource({
            "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x00, 0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38",
            "0xdeadbeef00000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x00, 0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3",
            "0xdeadbeef00000000000000000000000000000000, 0x000000000000000000000000feed000000000000000000000000000000000000, 0x00, 0xD04116cDd17beBE565EB2422F2497E06cC1C9833",
            "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0xdeadbeef, 0x70f2b2914A2a4b783FaEFb75f459A580616Fcb5e",
            "0x00000000000000000000000000000000deadbeef, 0x00000000000000000000000000000000000000000000000000000000cafebabe, 0xdeadbeef, 0x60f3f640a8508fC6a86d45DF051962668E1e8AC7",
            "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x, 0xE33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0",
    })
    void create2MatchesTheEipsExamples(String deployer, String salt, String initCode, String expected) {
        assertEquals(Address.of(expected), ContractAddress.ofCreate2(Address.ofAnyCase(deployer), Hash.of(salt), Bytes.of(initCode)));
    }

    @Test
    void createMatchesTheReceiptOfADeployment(DevChain chain) {
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            EthClient client = EthClient.direct(anvil.provider());
            Address from = Address.ofAnyCase(chain.accounts().get(2));
            BigInteger nonce = Hex.toBigInteger(result(client.request("eth_getTransactionCount", from.toHex(), "pending")).asText());
            var tx = JsonRpcCodec.mapper().createObjectNode().put("from", from.toHex()).put("input", INIT_CODE);
            JsonNode receipt = Mined.receipt(client, result(client.request("eth_sendTransaction", tx)).asText());

            assertEquals(Address.ofAnyCase(receipt.get("contractAddress").asText()), ContractAddress.ofCreate(from, nonce));
        }
    }

    @Test
    void create2MatchesWhereTheChainPutsTheCode(DevChain chain) {
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            EthClient client = EthClient.direct(anvil.provider());
            Hash salt = Hash.of(String.format("0x%064x", System.nanoTime()));
            var tx = JsonRpcCodec.mapper().createObjectNode().put("from", chain.accounts().get(2))
                    .put("to", CREATE2_PROXY.toHex()).put("input", salt.toHex() + INIT_CODE.substring(2));
            Mined.receipt(client, result(client.request("eth_sendTransaction", tx)).asText());

            Address expected = ContractAddress.ofCreate2(CREATE2_PROXY, salt, Bytes.of(INIT_CODE));
            assertEquals("0x00", result(client.request("eth_getCode", expected.toHex(), "latest")).asText());
        }
    }

    @Test
    void aNonceWiderThan64BitsIsRefused() {
        assertThrows(InvalidTransactionException.class, () -> ContractAddress.ofCreate(Address.ZERO, BigInteger.ONE.shiftLeft(64)));
    }
}
