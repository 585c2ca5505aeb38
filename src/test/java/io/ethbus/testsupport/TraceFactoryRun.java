package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.ethbus.testsupport.Await.result;

/**
 * TraceFactory (src/test/resources/solidity) deployed from anvil's first account, then its
 * {@code run} sent with 100 wei: a transaction whose trace holds CREATE and CREATE2 with value,
 * an internal transfer of 11 wei to {@code payee}, a DELEGATECALL, a STATICCALL and a reverted
 * call that forwarded 2 wei on.
 *
 * @param sender        the account that sent both transactions
 * @param factory       the deployed factory
 * @param created       the child the run made with CREATE
 * @param created2      the child the run made with CREATE2
 * @param payee         the address the run paid 11 wei
 * @param deployTx      the hash of the deployment
 * @param deployBlock   its block
 * @param runTx         the hash of the run
 * @param runBlock      its block
 */
public record TraceFactoryRun(Address sender, Address factory, Address created, Address created2, Address payee,
                              String deployTx, long deployBlock, String runTx, long runBlock) {
    /** Wei sent with run(). */
    public static final long RUN_VALUE = 100;

    /** Deploys the factory and sends one run(); both mined in blocks of their own. */
    public static TraceFactoryRun send(RpcCaller caller, TestContracts contracts) {
        Address sender = Address.ofAnyCase(result(caller.request("eth_accounts")).get(0).asText());
        ObjectNode deploy = tx(sender).put("input", contracts.get("TraceFactory").creationCode().toHex());
        String deployTx = result(caller.request("eth_sendTransaction", deploy)).asText();
        JsonNode deployed = succeeded(Mined.receipt(caller, deployTx));
        Address factory = Address.ofAnyCase(deployed.get("contractAddress").asText());

        byte[] salt = Keccak.keccak256(("salt of " + deployTx).getBytes(StandardCharsets.US_ASCII));
        Address payee = Address.ofAnyCase("0x" + Hex.encode(Arrays.copyOf(salt, 20)).substring(2));
        String call = Hex.encode(Arrays.copyOf(Keccak.keccak256("run(address,bytes32)".getBytes(StandardCharsets.US_ASCII)), 4))
                + "000000000000000000000000" + payee.toHex().substring(2) + Hex.encode(salt).substring(2);
        ObjectNode run = tx(sender).put("to", factory.toHex()).put("input", call).put("value", Hex.quantity(RUN_VALUE));
        String runTx = result(caller.request("eth_sendTransaction", run)).asText();
        JsonNode ran = Mined.receipt(caller, runTx);
        if (!"0x1".equals(ran.get("status").asText())) {
            JsonNode trace = result(caller.request("debug_traceTransaction", runTx,
                    JsonRpcCodec.mapper().createObjectNode().put("tracer", "callTracer")));
            throw new IllegalStateException("run() failed: " + trace);
        }
        String data = ran.get("logs").get(0).get("data").asText().substring(2);
        Address created = Address.ofAnyCase("0x" + data.substring(24, 64));
        Address created2 = Address.ofAnyCase("0x" + data.substring(88, 128));
        return new TraceFactoryRun(sender, factory, created, created2, payee, deployTx,
                Hex.toLong(deployed.get("blockNumber").asText()), runTx, Hex.toLong(ran.get("blockNumber").asText()));
    }

    private static ObjectNode tx(Address from) {
        return JsonRpcCodec.mapper().createObjectNode().put("from", from.toHex());
    }

    private static JsonNode succeeded(JsonNode receipt) {
        if (!"0x1".equals(receipt.get("status").asText())) {
            throw new IllegalStateException("transaction failed: " + receipt);
        }
        return receipt;
    }
}
