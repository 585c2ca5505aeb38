package io.ethbus.client;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiFunction;
import io.ethbus.abi.Revert;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.CountedAnvilConnection;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import io.ethbus.testsupport.TokenOnChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** client.multicall() against TestToken on anvil, through Multicall3's code at its canonical address. */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
class MulticallAnvilTest {
    private CountedAnvilConnection anvil;
    private EthClient client;
    private TokenOnChain token;

    @BeforeEach
    void deploy(DevChain chain, TestContracts contracts) {
        anvil = CountedAnvilConnection.open(chain);
        client = EthClient.direct(anvil.provider());
        token = TokenOnChain.deploy(client, contracts);
    }

    @AfterEach
    void close() {
        anvil.close();
    }

    @Test
    void twelveHundredBalancesInThreeChunksEqualTheOneByOneAnswers() {
        List<Address> holders = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            Address holder = Address.ofAnyCase(String.format("0x%040x", 0x5000 + i));
            holders.add(holder);
            if (i % 4 != 0) {
                token.mint(client, holder, BigInteger.valueOf(1000L * i + 7));
            }
        }
        AbiFunction balanceOf = token.abi().function("balanceOf");
        Multicall multicall = client.multicall();
        for (int i = 0; i < 1200; i++) {
            multicall.add(token.address(), balanceOf, holders.get(i % holders.size()));
        }
        long before = anvil.calls();
        List<MulticallResult> results = result(multicall.execute());
        assertEquals(3, anvil.calls() - before, "1,200 calls in chunks of 500 are three eth_calls");

        assertEquals(1200, results.size());
        for (int i = 0; i < holders.size(); i++) {
            TransactionRequest call = TransactionRequest.builder().to(token.address())
                    .input(balanceOf.encodeCall(holders.get(i))).build();
            BigInteger direct = balanceOf.decodeReturn(result(client.eth().call(call, BlockId.LATEST))).getBigInteger(0);
            for (int slot = i; slot < results.size(); slot += holders.size()) {
                MulticallResult r = results.get(slot);
                assertEquals(slot, r.index());
                assertEquals(direct, r.valuesOrThrow().getBigInteger(0), "slot " + slot);
            }
        }
        assertEquals(BigInteger.valueOf(1007), results.get(0).valuesOrThrow().getBigInteger(0));
        assertEquals(BigInteger.ZERO, results.get(3).valuesOrThrow().getBigInteger(0));
    }

    @Test
    void failedCallsAllowedToFailStandInTheirSlotsDecoded() {
        Abi abi = token.abi();
        BigInteger tooMuch = BigInteger.valueOf(5);
        // a view of balanceOf that claims a bool: the deployer's balance is no 0 or 1
        AbiFunction balanceAsBool = Abi.parse("function balanceOf(address) view returns (bool)").function("balanceOf");
        List<MulticallResult> results = result(client.multicall().errors(abi)
                .add(token.address(), abi.function("balanceOf"), token.deployer())
                .add(token.address(), abi.function("transfer"), token.deployer(), tooMuch)
                .add(token.address(), abi.function("divide"), 1, 0)
                .add(token.address(), abi.function("mint"), Address.ZERO, 1)
                .add(token.address(), balanceAsBool, token.deployer())
                .add(token.address(), abi.function("divide"), 84, 2)
                .execute());

        assertEquals(TokenOnChain.SUPPLY, results.get(0).valuesOrThrow().getBigInteger(0));
        // Multicall3 is msg.sender and holds nothing: InsufficientBalance(0, 5)
        Revert.CustomError custom = assertInstanceOf(Revert.CustomError.class,
                assertInstanceOf(MulticallResult.Failure.class, results.get(1)).revert());
        assertEquals("InsufficientBalance", custom.error().name());
        assertEquals(List.of(BigInteger.ZERO, tooMuch), custom.args().asList());
        Revert.Panic panic = assertInstanceOf(Revert.Panic.class,
                assertInstanceOf(MulticallResult.Failure.class, results.get(2)).revert());
        assertEquals(BigInteger.valueOf(0x12), panic.code());
        Revert.Reason reason = assertInstanceOf(Revert.Reason.class,
                assertInstanceOf(MulticallResult.Failure.class, results.get(3)).revert());
        assertEquals("TestToken: mint to the zero address", reason.reason());
        MulticallCallException thrown = assertThrows(MulticallCallException.class, results.get(3)::valuesOrThrow);
        assertEquals(3, thrown.index());
        MulticallResult.Undecodable undecodable = assertInstanceOf(MulticallResult.Undecodable.class, results.get(4));
        assertTrue(undecodable.error().getMessage().contains("multicall call 4"), undecodable.error().getMessage());
        assertSame(undecodable.error(), assertThrows(AbiDecodingException.class, undecodable::valuesOrThrow));
        assertEquals(BigInteger.valueOf(42), results.get(5).valuesOrThrow().getBigInteger(0));
    }

    @Test
    void aCallNotAllowedToFailFailsTheMulticallNamingItsIndex() {
        Abi abi = token.abi();
        Multicall multicall = client.multicall().chunkSize(2);
        for (int i = 0; i < 5; i++) {
            multicall.add(token.address(), abi.function("balanceOf"), token.deployer());
        }
        multicall.add(token.address(), false, abi.function("divide"), 1, 0)
                .add(token.address(), false, abi.function("divide"), 4, 2);

        MulticallCallException error = assertInstanceOf(MulticallCallException.class, failure(multicall.execute()));
        assertEquals(5, error.index());
        assertEquals("divide(uint256,uint256)", error.call().function().signature());
        assertEquals(BigInteger.valueOf(0x12), assertInstanceOf(Revert.Panic.class, error.revert()).code());
        assertTrue(error.getMessage().contains("multicall call 5"), error.getMessage());
    }

    @Test
    void withoutCallsNothingIsSent() {
        long before = anvil.calls();
        assertEquals(List.of(), result(client.multicall().execute()));
        assertEquals(before, anvil.calls());
    }

}
