package io.ethbus.testsupport;

import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.client.EthClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The flood contract emits exactly the logs it is asked for, numbered in order. */
@ExtendWith(AnvilExtension.class)
class LogFloodTest {
    @Test
    void emitsCountLogsNumberedFromZero(DevChain chain) {
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            EthClient client = EthClient.direct(anvil.provider());
            Address alice = result(client.eth().accounts()).get(0);
            Address contract = LogFlood.deploy(client, alice);
            Hash tx = LogFlood.flood(client, alice, contract, 2_000);
            long block = Hex.toLong(Mined.receipt(client, tx.toHex()).get("blockNumber").asText());

            List<Log> logs = result(client.eth().getLogs(LogFilter.builder().address(contract)
                    .fromBlock(BlockId.number(block)).toBlock(BlockId.number(block)).build()));
            assertEquals(2_000, logs.size());
            for (int i = 0; i < logs.size(); i++) {
                Log log = logs.get(i);
                assertEquals(LogFlood.TOPIC, log.topics().get(0).toHex().substring(2));
                assertEquals(BigInteger.valueOf(i), new BigInteger(1, log.topics().get(1).value()));
                assertEquals(BigInteger.valueOf(i), new BigInteger(1, log.data().value()));
                assertEquals(tx, log.transactionHash());
            }
        }
    }
}
