package io.ethbus.abi;

import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.Mined;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A log the EVM wrote decodes as its ABI says: {@link LogEmitter} logs its call data under the
 * Transfer topic with the caller (the EVM's CALLER, not a value of ours) as the one indexed topic.
 */
@ExtendWith(AnvilExtension.class)
class AbiAnvilTest {
    /** Transfer(address,address,uint256) with only {@code from} indexed: the emitter's topic0 and topic count. */
    private static final Abi ABI = Abi.parse("event Transfer(address indexed from, address to, uint256 value)",
            "function send(address to, uint256 value)");

    @Test
    void aLogWrittenByTheEvmDecodes(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try {
            EthClient client = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
            Address alice = result(client.eth().accounts()).get(0);
            Hash deploy = result(client.eth().sendTransaction(TransactionRequest.builder().from(alice)
                    .input(Bytes.of(LogEmitter.DEPLOY_INPUT)).build()));
            Address emitter = Address.of(Mined.receipt(client, deploy.toHex()).get("contractAddress").asText());

            Address bob = Address.of("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
            BigInteger value = BigInteger.TWO.pow(200).add(BigInteger.valueOf(12345));
            String call = ABI.function("send").encodeCall(bob, value).toHex();
            Bytes data = Bytes.of("0x" + call.substring(10)); // the arguments alone: what the emitter logs
            Hash sent = result(client.eth().sendTransaction(TransactionRequest.builder().from(alice).to(emitter).input(data).build()));
            Mined.receipt(client, sent.toHex());
            Receipt receipt = result(client.eth().getTransactionReceipt(sent)).orElseThrow();

            List<DecodedEvent> events = ABI.decodeReceipt(receipt);
            assertEquals(1, events.size());
            DecodedEvent transfer = events.get(0);
            assertEquals(alice, transfer.args().getAddress("from"));
            assertEquals(bob, transfer.args().getAddress("to"));
            assertEquals(value, transfer.args().getBigInteger("value"));
            assertEquals(emitter, transfer.log().address());
            assertEquals(sent, transfer.log().transactionHash());
        } finally {
            vertx.close();
        }
    }
}
