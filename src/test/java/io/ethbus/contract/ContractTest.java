package io.ethbus.contract;

import io.ethbus.abi.Revert;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiException;
import io.ethbus.abi.AbiValues;
import io.ethbus.abi.DecodedEvent;
import io.ethbus.client.EthClient;
import io.ethbus.client.ReceiptWaiter;
import io.ethbus.crypto.Account;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.StateOverrides;
import io.ethbus.middleware.SignAndSendRawMiddleware;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.rpc.RpcRequest;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract against anvil with the solc-compiled TestToken: deploy, every view, sends, estimates, bad input. */
class ContractTest extends OnTokenChain {
    /** TestToken's Holder struct, read from holder(address). */
    record Holder(Address account, BigInteger balance, boolean active, String label, List<BigInteger> history) {
    }

    /** Two members: not Holder's five. */
    record Pair(BigInteger a, BigInteger b) {
    }


    @Test
    void deploysWithConstructorArgumentsAndReadsEveryView() {
        Contract token = chain.deploy();
        assertTrue(result(chain.client.eth().getCode(token.address(), BlockId.LATEST)).length() > 0, "code at the receipt's address");

        assertEquals("Test Token", result(token.callFor(String.class, "name")));
        assertEquals("TT", result(token.callFor(String.class, "symbol")));
        assertEquals(18, result(token.callFor(Integer.class, "decimals")));
        assertEquals(18L, result(token.callFor(Long.class, "decimals")));
        assertEquals(18L, result(token.callFor(long.class, "decimals")), "a primitive class reads into its box");
        assertEquals(18, result(token.callFor(int.class, "decimals")));
        assertEquals(TokenChain.SUPPLY, result(token.callFor(BigInteger.class, "totalSupply")));
        assertEquals(TokenChain.SUPPLY, result(token.callFor(BigInteger.class, "balanceOf", chain.dev)));
        assertEquals(BigInteger.ZERO, result(token.callFor(BigInteger.class, "allowance", chain.dev, chain.other)));
        assertEquals(BigInteger.valueOf(5), result(token.callFor(BigInteger.class, "divide", 10, 2)));
        assertEquals(TokenChain.SUPPLY, result(token.callFor(BigInteger.class, "historyAt", chain.dev, 0)));
        AbiValues balance = result(token.call("balanceOf", chain.dev));
        assertEquals(TokenChain.SUPPLY, balance.getBigInteger(0));

        // the struct view, into a record and into AbiValues by name
        Holder holder = result(token.callFor(Holder.class, "holder", chain.dev));
        assertEquals(new Holder(chain.dev, TokenChain.SUPPLY, true, "", List.of(TokenChain.SUPPLY)), holder);
        AbiValues struct = result(token.callFor(AbiValues.class, "holder", chain.dev));
        assertEquals(chain.dev, struct.getAddress("account"));
        assertEquals(TokenChain.SUPPLY, struct.getBigInteger("balance"));
        assertEquals(true, struct.getBoolean("active"));
        assertEquals(List.of(TokenChain.SUPPLY), struct.getList("history"));
    }

    @Test
    void aUint256ThatCannotFitALongIsRefusedBeforeSending() {
        Contract token = chain.deploy();
        long calls = chain.sentCount("eth_call");
        AbiException tooNarrow = assertInstanceOf(AbiException.class, failure(token.callFor(Long.class, "totalSupply")));
        assertTrue(tooNarrow.getMessage().contains("totalSupply()") && tooNarrow.getMessage().contains("uint256"), tooNarrow.getMessage());
        assertInstanceOf(AbiException.class, failure(token.callFor(Pair.class, "holder", chain.dev)));
        assertEquals(calls, chain.sentCount("eth_call"), "nothing sent");
    }

    @Test
    void sendsATransferFromTheUnlockedDevAccountAndDecodesItsEvent() {
        Contract token = chain.deploy();
        Address to = Account.generate().address();
        Hash hash = result(token.send("transfer", to, BigInteger.valueOf(1234)));
        Receipt receipt = result(new ReceiptWaiter(chain.vertx, chain.client.eth()).waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(1, receipt.status());
        List<DecodedEvent> events = chain.abi.decodeReceipt(receipt);
        assertEquals(1, events.size());
        assertEquals("Transfer", events.get(0).name());
        assertEquals(chain.dev, events.get(0).args().getAddress("from"));
        assertEquals(to, events.get(0).args().getAddress("to"));
        assertEquals(BigInteger.valueOf(1234), events.get(0).args().getBigInteger("value"));
        assertEquals(BigInteger.valueOf(1234), result(token.callFor(BigInteger.class, "balanceOf", to)));
        assertEquals(TokenChain.SUPPLY.subtract(BigInteger.valueOf(1234)), result(token.callFor(BigInteger.class, "balanceOf", chain.dev)));
        // the same event through the contract's event queries, filtered by the indexed recipient
        List<DecodedEvent> queried = result(token.events().get("Transfer", BlockId.number(0), BlockId.LATEST, null, to));
        assertEquals(1, queried.size());
        assertEquals(events.get(0).args(), queried.get(0).args());
        assertEquals(receipt.transactionHash(), queried.get(0).log().transactionHash());
        assertEquals(events.get(0).log().logIndex(), queried.get(0).log().logIndex());
    }

    @Test
    void deploysAndSendsThroughTheClientOnionsLocalSigner() {
        Account account = Account.generate();
        result(chain.client.request("anvil_setBalance", account.address().toHex(), Hex.quantity(BigInteger.TEN.pow(20))));
        EthClient signing = EthClient.direct(chain.provider);
        List<RpcRequest> reachedNode = new CopyOnWriteArrayList<>();
        signing.middlewareOnion().add((request, next) -> {
            reachedNode.add(request);
            return next.handle(request);
        }, "recorder");
        signing.middlewareOnion().add(new SignAndSendRawMiddleware(chain.vertx, List.of(account)), "signer");

        // no from: the signer's default account deploys, and receives the supply
        Contract token = result(Contract.deploy(chain.vertx, signing, chain.abi, null, null, "Signed", "SGN", BigInteger.valueOf(1000)));
        assertEquals(BigInteger.valueOf(1000), result(token.callFor(BigInteger.class, "balanceOf", account.address())));
        Address to = Account.generate().address();
        Hash hash = result(token.send("transfer", to, BigInteger.valueOf(200)));
        Receipt receipt = result(new ReceiptWaiter(chain.vertx, signing.eth()).waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(account.address(), receipt.from(), "the signer's default account sent it");
        assertEquals(BigInteger.valueOf(800), result(token.callFor(BigInteger.class, "balanceOf", account.address())));
        assertEquals(BigInteger.valueOf(200), result(token.callFor(BigInteger.class, "balanceOf", to)));
        assertTrue(reachedNode.stream().anyMatch(r -> r.method().equals("eth_sendRawTransaction")), "signed locally");
        assertTrue(reachedNode.stream().noneMatch(r -> r.method().equals("eth_sendTransaction")), "the node signed nothing");

        // the signer's gas estimate meets the revert first: send fails with it, decoded, and nothing is signed
        long raw = reachedNode.stream().filter(r -> r.method().equals("eth_sendRawTransaction")).count();
        ContractRevertException revert = assertInstanceOf(ContractRevertException.class,
                failure(token.send("transfer", to, BigInteger.valueOf(801))));
        assertEquals("InsufficientBalance", assertInstanceOf(Revert.CustomError.class, revert.revertReason()).name());
        assertEquals(raw, reachedNode.stream().filter(r -> r.method().equals("eth_sendRawTransaction")).count());
    }

    @Test
    void estimatesGasAndCallsAtABlockAndWithOverrides() {
        Contract token = chain.deploy();
        BigInteger gas = result(token.estimateGas("transfer", chain.other, BigInteger.ONE));
        assertTrue(gas.compareTo(BigInteger.valueOf(21_000)) > 0 && gas.compareTo(BigInteger.valueOf(200_000)) < 0, gas.toString());

        long before = result(chain.client.eth().blockNumber());
        result(token.sendAndWait("transfer", chain.other, BigInteger.TEN));
        BigInteger then = result(token.atBlock(BlockId.number(before)).callFor(BigInteger.class, "balanceOf", chain.other));
        BigInteger now = result(token.callFor(BigInteger.class, "balanceOf", chain.other));
        assertEquals(BigInteger.TEN, now.subtract(then));

        // a storage override: balanceOf[dev] (mapping at slot 3) reads 42 for this call only
        byte[] key = new byte[64];
        System.arraycopy(chain.dev.value(), 0, key, 12, 20);
        key[63] = 3;
        Hash slot = new Hash(Keccak.keccak256(key));
        Hash fortyTwo = Hash.of("0x" + "00".repeat(31) + "2a");
        StateOverrides overrides = new StateOverrides(Map.of(token.address(),
                new StateOverrides.AccountOverride(null, null, null, Map.of(slot, fortyTwo))));
        assertEquals(BigInteger.valueOf(42), result(token.withOverrides(overrides).callFor(BigInteger.class, "balanceOf", chain.dev)));
        assertEquals(TokenChain.SUPPLY.subtract(BigInteger.TEN), result(token.callFor(BigInteger.class, "balanceOf", chain.dev)));
    }

    @Test
    void aPayableFunctionCarriesTheValue() {
        // an account without code takes any call data: enough to see the value travel with a payable function's call
        Address wallet = Account.generate().address();
        Contract payable = Contract.at(chain.vertx, wallet, Abi.parse("function deposit() payable"), chain.client)
                .from(chain.dev).value(BigInteger.valueOf(777));
        assertEquals(1, result(payable.sendAndWait("deposit")).status());
        assertEquals(BigInteger.valueOf(777), result(chain.client.eth().getBalance(wallet, BlockId.LATEST)));
    }

    @Test
    void aPayableConstructorKeepsWhatTheDeployCarries() {
        // init code STOP: an empty contract that keeps the value of its creation
        Contract created = result(Contract.deployPaying(chain.vertx, chain.client, Abi.parse("constructor() payable"), chain.dev,
                BigInteger.valueOf(555), Bytes.of("0x00")));
        assertEquals(BigInteger.valueOf(555), result(chain.client.eth().getBalance(created.address(), BlockId.LATEST)));

        int before = chain.sent.size();
        AbiException notPayable = assertInstanceOf(AbiException.class, failure(Contract.deployPaying(chain.vertx, chain.client,
                Abi.parse("constructor()"), chain.dev, BigInteger.ONE, Bytes.of("0x00"))));
        assertTrue(notPayable.getMessage().contains("not payable"), notPayable.getMessage());
        assertEquals(before, chain.sent.size(), "nothing left the client");
    }

    @Test
    void aDeployWhoseConstructorRevertsFailsWithTheRevert() {
        // PUSH1 0 PUSH1 0 REVERT: a constructor that reverts without data
        ContractRevertException revert = assertInstanceOf(ContractRevertException.class,
                failure(Contract.deploy(chain.vertx, chain.client, Abi.parse(), chain.dev, Bytes.of("0x60006000fd"))));
        assertEquals(new Revert.Unknown(Bytes.EMPTY), revert.revertReason());
    }

    @Test
    void badInputFailsWithAbiExceptionBeforeAnythingIsSent() {
        Contract token = chain.deploy();
        int before = chain.sent.size();
        AbiException unknown = assertInstanceOf(AbiException.class, failure(token.call("balanceOff", chain.dev)));
        assertTrue(unknown.getMessage().contains("balanceOff"), unknown.getMessage());
        AbiException count = assertInstanceOf(AbiException.class, failure(token.send("transfer", chain.other)));
        assertTrue(count.getMessage().contains("transfer(address,uint256)"), count.getMessage());
        AbiException type = assertInstanceOf(AbiException.class, failure(token.send("transfer", chain.other, "ten")));
        assertTrue(type.getMessage().contains("transfer(address,uint256)") && type.getMessage().contains("value"), type.getMessage());
        AbiException range = assertInstanceOf(AbiException.class, failure(token.estimateGas("transfer", chain.other, BigInteger.ONE.negate())));
        assertTrue(range.getMessage().contains("argument 1"), range.getMessage());
        AbiException payable = assertInstanceOf(AbiException.class, failure(token.value(BigInteger.ONE).sendAndWait("transfer", chain.other, BigInteger.ONE)));
        assertTrue(payable.getMessage().contains("nonpayable"), payable.getMessage());
        assertInstanceOf(AbiException.class, failure(Contract.deploy(chain.vertx, chain.client, chain.abi, chain.dev, null, "Test Token", "TT")));
        assertEquals(before, chain.sent.size(), "nothing left the client");
    }
}
