package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.abi.Abi;
import io.ethbus.client.EthClient;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.JsonRpcCodec;

import java.math.BigInteger;

import static io.ethbus.testsupport.Await.result;

/**
 * TestToken deployed on the dev chain from anvil's first account (constructor arguments encoded
 * by its ABI, sent as raw JSON-RPC), and Multicall3's published runtime code at its canonical
 * address ({@link PublishedMulticall3}).
 *
 * @param address  where the token lives
 * @param abi      the token's ABI as solc wrote it
 * @param deployer the account that deployed it and holds the initial supply
 */
public record TokenOnChain(Address address, Abi abi, Address deployer) {
    /** The supply minted to the deployer. */
    public static final BigInteger SUPPLY = new BigInteger("1000000000000000000000000");

    public static TokenOnChain deploy(EthClient client, TestContracts contracts) {
        CompiledContract token = contracts.get("TestToken");
        Abi abi = Abi.fromJson(token.abiJson());
        Address deployer = Address.ofAnyCase(result(client.request("eth_accounts")).get(0).asText());
        Bytes input = abi.constructor().encodeDeploy(token.creationCode(), "Test Token", "TT", SUPPLY);
        JsonNode receipt = mined(client, tx(deployer).put("input", input.toHex()));
        PublishedMulticall3.put(client);
        return new TokenOnChain(Address.ofAnyCase(receipt.get("contractAddress").asText()), abi, deployer);
    }

    /** Mints {@code amount} to {@code to} and waits until it is mined. */
    public void mint(EthClient client, Address to, BigInteger amount) {
        mined(client, tx(deployer).put("to", address.toHex())
                .put("input", abi.function("mint").encodeCall(to, amount).toHex()));
    }

    private static ObjectNode tx(Address from) {
        return JsonRpcCodec.mapper().createObjectNode().put("from", from.toHex());
    }

    private static JsonNode mined(EthClient client, ObjectNode tx) {
        JsonNode receipt = Mined.receipt(client, result(client.request("eth_sendTransaction", tx)).asText());
        if (!"0x1".equals(receipt.get("status").asText())) {
            throw new IllegalStateException("transaction failed: " + receipt);
        }
        return receipt;
    }
}
