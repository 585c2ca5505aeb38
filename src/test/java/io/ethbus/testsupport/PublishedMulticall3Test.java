package io.ethbus.testsupport;

import io.ethbus.client.EthClient;
import io.ethbus.crypto.ContractAddress;
import io.ethbus.crypto.LegacyTransaction;
import io.ethbus.crypto.SignedTransaction;
import io.ethbus.devchain.DevChain;
import io.ethbus.multicall.Multicall3;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static io.ethbus.testsupport.Await.result;
import static io.ethbus.testsupport.SolcTest.addressWord;
import static io.ethbus.testsupport.SolcTest.bytes;
import static io.ethbus.testsupport.SolcTest.call;
import static io.ethbus.testsupport.SolcTest.deploy;
import static io.ethbus.testsupport.SolcTest.selector;
import static io.ethbus.testsupport.SolcTest.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests' Multicall3 is Multicall3's published deployment, and it runs at the canonical address. */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
class PublishedMulticall3Test {

    @Test
    void thePublishedTransactionCreatesTheCanonicalAddress() {
        SignedTransaction deployment = PublishedMulticall3.deploymentTransaction();
        LegacyTransaction tx = (LegacyTransaction) deployment.transaction();

        assertEquals(PublishedMulticall3.DEPLOYER, deployment.sender());
        assertEquals(BigInteger.ZERO, tx.nonce());
        assertNull(tx.to(), "a contract creation");
        assertNull(tx.chainId(), "signed without a chain id, so that it deploys on every chain");
        assertEquals(Multicall3.CANONICAL_ADDRESS, ContractAddress.ofCreate(deployment.sender(), tx.nonce()));
    }

    @Test
    void itsRuntimeCodeRunsAtTheCanonicalAddress(DevChain chain) {
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            EthClient client = EthClient.direct(anvil.provider());
            Bytes code = PublishedMulticall3.put(client);
            // the init code copies 0x0ee0 bytes of runtime code (PUSH2 0x0ee0 ... CODECOPY ... RETURN)
            assertEquals(0x0ee0, code.length());
            assertEquals(code, Bytes.of(result(client.request("eth_getCode", Multicall3.CANONICAL_ADDRESS.toHex(), "latest")).asText()));
            RpcCaller rpc = new RpcCaller(anvil.provider());
            long head = Hex.toLong(result(rpc.request("eth_blockNumber")).asText());
            // getBlockNumber() answers the chain's head: the code runs, not only sits there
            assertEquals(BigInteger.valueOf(head),
                    Hex.toBigInteger(call(rpc, Multicall3.CANONICAL_ADDRESS.toHex(), selector("getBlockNumber()"))));
        }
    }

    @Test
    void aFailingCallWithoutAllowFailureRevertsTheBatchWithMulticall3sMessage(DevChain chain, TestContracts contracts) {
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            PublishedMulticall3.put(EthClient.direct(anvil.provider()));
            RpcCaller rpc = new RpcCaller(anvil.provider());
            String token = deploy(rpc, contracts.get("TestToken"));
            // aggregate3([(token, false, divide(1, 0))])
            String failing = (selector("divide(uint256,uint256)") + word(BigInteger.ONE) + word(BigInteger.ZERO)).substring(2);
            String calls = word(BigInteger.valueOf(0x20)) + word(BigInteger.ONE) + word(BigInteger.valueOf(0x20))
                    + word(addressWord(token)) + word(BigInteger.ZERO) + word(BigInteger.valueOf(0x60)) + bytes(failing);
            RpcException batch = assertThrows(RpcException.class, () -> call(rpc, Multicall3.CANONICAL_ADDRESS.toHex(),
                    selector("aggregate3((address,bool,bytes)[])") + calls));
            assertTrue(batch.data().asText().contains(Hex.encode("Multicall3: call failed".getBytes(StandardCharsets.UTF_8))
                    .substring(2)), batch.data().toString());
        }
    }
}
