package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.abi.Abi;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;

import java.math.BigInteger;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A TestToken deployed on the dev chain with raw JSON-RPC (the abi package encodes the
 * constructor and the calls), and transactions sent to it from anvil's unlocked accounts.
 *
 * @param address     where it lives
 * @param abi         its ABI as solc wrote it
 * @param deployBlock the block of its deploy transaction
 * @param deployer    who deployed it and holds its supply
 */
public record DeployedToken(RpcCaller rpc, Address address, Abi abi, long deployBlock, Address deployer) {
    public static final BigInteger SUPPLY = new BigInteger("1000000000000000000000000");

    /** Deploys TestToken("Test Token", "TT", SUPPLY) from anvil's first account. */
    public static DeployedToken deploy(RpcCaller rpc, CompiledContract token) {
        Abi abi = Abi.fromJson(token.abiJson());
        Address deployer = Address.of(result(rpc.request("eth_accounts")).get(0).asText());
        Bytes input = abi.constructor().encodeDeploy(token.creationCode(), "Test Token", "TT", SUPPLY);
        JsonNode receipt = mined(rpc, JsonRpcCodec.mapper().createObjectNode()
                .put("from", deployer.toChecksumHex()).put("input", input.toHex()));
        return new DeployedToken(rpc, Address.of(receipt.get("contractAddress").asText()), abi,
                Long.decode(receipt.get("blockNumber").asText()), deployer);
    }

    /** Calls {@code function} from {@code from} in a transaction; its receipt once mined, status checked. */
    public JsonNode send(Address from, String function, Object... args) {
        return mined(rpc, JsonRpcCodec.mapper().createObjectNode().put("from", from.toChecksumHex())
                .put("to", address.toChecksumHex()).put("input", abi.function(function).encodeCall(args).toHex()));
    }

    /** Anvil's dev account {@code index}, unlocked for eth_sendTransaction. */
    public Address account(int index) {
        return Address.of(result(rpc.request("eth_accounts")).get(index).asText());
    }

    private static JsonNode mined(RpcCaller rpc, ObjectNode tx) {
        JsonNode receipt = Mined.receipt(rpc, result(rpc.request("eth_sendTransaction", tx)).asText());
        assertEquals("0x1", receipt.get("status").asText(), receipt.toString());
        return receipt;
    }
}
