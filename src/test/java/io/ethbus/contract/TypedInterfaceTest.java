package io.ethbus.contract;

import io.ethbus.abi.Revert;
import io.ethbus.abi.AbiException;
import io.ethbus.abi.AbiValues;
import io.ethbus.crypto.Account;
import io.ethbus.eth.Receipt;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hash;
import io.ethbus.testsupport.Mined;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** contract.as(iface): a checked typed interface over TestToken on anvil. */
class TypedInterfaceTest extends OnTokenChain {
    record Holder(Address account, BigInteger balance, boolean active, String label, List<BigInteger> history) {
    }

    interface Token {
        Future<String> name();

        Future<Integer> decimals();

        Future<BigInteger> balanceOf(Address owner);

        Future<Holder> holder(Address account);

        Future<AbiValues> allowance(Address owner, Address spender);

        Future<Hash> transfer(Address to, BigInteger value);

        Future<Receipt> approve(Address spender, long value);

        Future<BigInteger> divide(long value, long divisor);

        default Future<BigInteger> doubled(Address owner) {
            return balanceOf(owner).map(b -> b.shiftLeft(1));
        }
    }

    interface WaitingToken {
        Future<Receipt> transfer(Address to, BigInteger value);
    }

    interface Misnamed {
        Future<BigInteger> balanceOff(Address owner);
    }

    interface WrongCount {
        Future<BigInteger> balanceOf(Address owner, Address other);
    }

    interface WrongArgument {
        Future<BigInteger> balanceOf(BigInteger owner);
    }

    interface WrongReturn {
        Future<Hash> balanceOf(Address owner);
    }

    interface CallsATransaction {
        Future<Boolean> transfer(Address to, BigInteger value);
    }

    interface NotAFuture {
        BigInteger totalSupply();
    }

    interface TooNarrow {
        Future<Long> totalSupply();
    }


    @Test
    void roundTripsCallsAndSendsThroughTheInterface() {
        Contract contract = chain.deploy();
        Token token = contract.as(Token.class);
        assertEquals("Test Token", result(token.name()));
        assertEquals(18, result(token.decimals()));
        assertEquals(TokenChain.SUPPLY, result(token.balanceOf(chain.dev)));
        assertEquals(TokenChain.SUPPLY.shiftLeft(1), result(token.doubled(chain.dev)), "default method");
        assertEquals(BigInteger.valueOf(3), result(token.divide(9, 3)));

        Address to = Account.generate().address();
        Hash hash = result(token.transfer(to, BigInteger.valueOf(77)));
        Mined.receipt(chain.client, hash.toHex()); // automine may answer the send a moment before the block exists
        Receipt mined = result(chain.client.eth().getTransactionReceipt(hash)).orElseThrow();
        assertEquals(1, mined.status());
        assertEquals(BigInteger.valueOf(77), result(token.balanceOf(to)));
        assertEquals(new Holder(to, BigInteger.valueOf(77), true, "", List.of(BigInteger.valueOf(77))), result(token.holder(to)));

        Receipt approved = result(token.approve(chain.other, 5));
        assertEquals(1, approved.status());
        assertEquals("Approval", chain.abi.decodeReceipt(approved).get(0).name());
        assertEquals(BigInteger.valueOf(5), result(token.allowance(chain.dev, chain.other)).getBigInteger(0));

        // Object's methods behave as for any object
        assertEquals(token, token);
        assertNotEquals(token, contract.as(Token.class));
        assertEquals(System.identityHashCode(token), token.hashCode());
        assertTrue(token.toString().contains(contract.address().toString()), token.toString());
    }

    @Test
    void theInterfaceCarriesTheContractsOptionsAndItsReverts() {
        Contract contract = chain.deploy();
        // the other dev account holds no tokens: its transfer is mined with status 0, the reason replayed
        WaitingToken fromOther = contract.from(chain.other).as(WaitingToken.class);
        ContractRevertException revert = assertInstanceOf(ContractRevertException.class,
                failure(fromOther.transfer(chain.dev, BigInteger.ONE)));
        Revert.CustomError error = assertInstanceOf(Revert.CustomError.class, revert.revertReason());
        assertEquals("InsufficientBalance", error.name());
        assertEquals(BigInteger.ONE, error.args().getBigInteger("required"));
        assertInstanceOf(Revert.Panic.class, assertInstanceOf(ContractRevertException.class,
                failure(contract.as(Token.class).divide(1, 0))).revertReason());
        assertInstanceOf(AbiException.class, failure(contract.as(Token.class).divide(-1, 1)), "uint256 refuses -1");
    }

    @Test
    void aMismatchFailsAtAsNamingTheMethod() {
        Contract contract = chain.deploy();
        assertMismatch(contract, Misnamed.class, "Misnamed.balanceOff(Address)", "no function balanceOff");
        assertMismatch(contract, WrongCount.class, "WrongCount.balanceOf(Address, Address)", "takes 2 arguments");
        assertMismatch(contract, WrongArgument.class, "WrongArgument.balanceOf(BigInteger)", "argument 0 (address)");
        assertMismatch(contract, WrongReturn.class, "WrongReturn.balanceOf(Address)", "Hash");
        assertMismatch(contract, CallsATransaction.class, "CallsATransaction.transfer(Address, BigInteger)", "Future<Hash> or Future<Receipt>");
        assertMismatch(contract, NotAFuture.class, "NotAFuture.totalSupply()", "Future<T>");
        assertMismatch(contract, TooNarrow.class, "TooNarrow.totalSupply()", "uint256");
        assertThrows(AbiException.class, () -> contract.as(Runnable.class), "run is not in the ABI");
    }

    @Test
    void theCheckedTableIsKeptPerInterfaceAcrossCopies() {
        Contract contract = chain.deploy();
        Token a = contract.as(Token.class);
        Token b = contract.from(chain.other).as(Token.class);
        assertSame(handlerBinding(a), handlerBinding(b));
    }

    private static Object handlerBinding(Object proxy) {
        try {
            var handler = java.lang.reflect.Proxy.getInvocationHandler(proxy);
            var field = ContractInvocationHandler.class.getDeclaredField("binding");
            field.setAccessible(true);
            return field.get(handler);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMismatch(Contract contract, Class<?> iface, String method, String what) {
        AbiException e = assertThrows(AbiException.class, () -> contract.as(iface));
        assertTrue(e.getMessage().contains(method) && e.getMessage().contains(what), e.getMessage());
    }
}
