package io.ethbus.contract;

import io.ethbus.rpc.OffLoop;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiException;
import io.ethbus.abi.AbiFunction;
import io.ethbus.abi.AbiValues;
import io.ethbus.client.EthClient;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.StateOverrides;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.EthbusException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deployed contract: its address, its {@link Abi} and the client that reaches it. Calls are
 * encoded and decoded by the ABI at run time, no code generation.
 *
 * <pre>
 * Contract token = Contract.at(vertx, tokenAddress, abi, client).from(alice);
 * token.callFor(BigInteger.class, "balanceOf", alice).onSuccess(balance -&gt; ...);
 * token.sendAndWait("transfer", bob, amount).onSuccess(receipt -&gt; ...);
 * Erc20 erc20 = token.as(Erc20.class);                     // a checked typed interface
 * </pre>
 *
 * Options work like viem's call parameters or ethers' overrides, each on a copy, so one
 * {@code Contract} can be shared: {@link #from}, {@link #value}, {@link #gas},
 * {@link #atBlock} and {@link #withOverrides} (for calls), {@link #receiptTimeout}.
 * <p>
 * Sends go through {@code client.eth().sendTransaction}: the client onion's fillers and signer
 * (nonce, gas, fees, local signing) work as for any transaction; without a local signer the
 * node signs for {@link #from} (an unlocked dev account).
 * <p>
 * Failures: bad input (an unknown function, a wrong argument count, type or range, value for a
 * non-payable function) fails the returned future with {@link AbiException} before anything is
 * sent; a revert fails it with {@link ContractRevertException}, its reason decoded.
 * Immutable and thread-safe.
 */
public final class Contract {
    /** How long {@link #sendAndWait} and {@link #deploy} wait for a receipt unless told otherwise. */
    public static final Duration DEFAULT_RECEIPT_TIMEOUT = Duration.ofMinutes(2);

    private final Address address;
    private final Abi abi;
    private final EthClient client;
    private final Vertx vertx;
    private final Address from;
    private final BigInteger value;
    private final BigInteger gas;
    private final BlockId block;
    private final StateOverrides overrides;
    private final Duration receiptTimeout;
    private final RevertClassifier reverts;
    /** Checked interface tables, shared by every copy: they depend only on the ABI. */
    private final Map<Class<?>, InterfaceBinding> bindings;

    private Contract(Address address, Abi abi, EthClient client, Vertx vertx, Address from, BigInteger value, BigInteger gas,
                     BlockId block, StateOverrides overrides, Duration receiptTimeout, RevertClassifier reverts,
                     Map<Class<?>, InterfaceBinding> bindings) {
        this.address = address;
        this.abi = abi;
        this.client = client;
        this.vertx = vertx;
        this.from = from;
        this.value = value;
        this.gas = gas;
        this.block = block;
        this.overrides = overrides;
        this.receiptTimeout = receiptTimeout;
        this.reverts = reverts;
        this.bindings = bindings;
    }

    /**
     * The contract at {@code address}. Calls, sends and estimates need nothing more;
     * {@link #sendAndWait} polls for receipts on the Vert.x of the calling context (use
     * {@link #at(Vertx, Address, Abi, EthClient)} to call it from elsewhere).
     */
    public static Contract at(Address address, Abi abi, EthClient client) {
        return at(null, address, abi, client);
    }

    /** The contract at {@code address}; receipts are polled on {@code vertx}'s timers. */
    public static Contract at(Vertx vertx, Address address, Abi abi, EthClient client) {
        return new Contract(Objects.requireNonNull(address, "address"), Objects.requireNonNull(abi, "abi"),
                Objects.requireNonNull(client, "client"), vertx, null, null, null, BlockId.LATEST, null,
                DEFAULT_RECEIPT_TIMEOUT, new RevertClassifier(abi), new ConcurrentHashMap<>());
    }

    /**
     * Deploys a contract: {@code creationCode} (null: the ABI's {@link Abi#bytecode()}) followed by
     * the encoded constructor arguments, sent from {@code from} (null: the local signer's default
     * account), and the contract at the address of the receipt, set to send from {@code from}.
     * Fails with {@link AbiException} on bad arguments or missing code before sending, with
     * {@link ContractRevertException} when the constructor reverts (status 0), and with an
     * {@link EthbusException} when the receipt names no contract address.
     */
    public static Future<Contract> deploy(Vertx vertx, EthClient client, Abi abi, Address from, Bytes creationCode, Object... args) {
        return deployPaying(vertx, client, abi, from, null, creationCode, args);
    }

    /**
     * As {@link #deploy}, the creation carrying {@code wei} to a payable constructor; a constructor
     * that is not payable fails with {@link AbiException} before sending.
     * <pre>{@code Contract.deployPaying(vertx, client, abi, from, EtherUnit.ETHER.toWei("1"), null, owner)}</pre>
     */
    public static Future<Contract> deployPaying(Vertx vertx, EthClient client, Abi abi, Address from, BigInteger wei,
                                                Bytes creationCode, Object... args) {
        Contract unplaced = at(vertx, Address.ZERO, abi, client).from(from);
        TransactionRequest tx;
        try {
            Bytes code = creationCode != null ? creationCode : abi.bytecode()
                    .orElseThrow(() -> new AbiException("no creation code: the ABI was not read from an artifact with bytecode; pass it"));
            if (wei != null && wei.signum() > 0 && !abi.constructor().payable()) {
                throw new AbiException(abi.constructor() + ": not payable, cannot carry " + wei + " wei");
            }
            tx = TransactionRequest.builder().from(from).value(wei).input(abi.constructor().encodeDeploy(code, args)).build();
        } catch (AbiException e) {
            return Future.failedFuture(e);
        }
        return unplaced.mined().compose(m -> m.sendAndWait(tx)).compose(receipt -> receipt.contractAddress() == null
                ? Future.failedFuture(new EthbusException("eth_sendTransaction", null, "deploy transaction "
                        + receipt.transactionHash() + " was mined without a contract address"))
                : Future.succeededFuture(unplaced.copy(receipt.contractAddress(), from, null, null, BlockId.LATEST, null, DEFAULT_RECEIPT_TIMEOUT)));
    }

    /** Where the contract is. */
    public Address address() {
        return address;
    }

    /** The ABI its calls are encoded and decoded with. */
    public Abi abi() {
        return abi;
    }

    /**
     * The contract's decoded events: queries, range streams and live streams.
     * <pre>token.events().get("Transfer", BlockId.number(0), BlockId.LATEST, alice, null)</pre>
     */
    public ContractEvents events() {
        return new ContractEvents(address, abi, client);
    }

    /** A copy that sends (and calls) from {@code account}: an unlocked node account or one of the local signer's. */
    public Contract from(Address account) {
        return copy(address, account, value, gas, block, overrides, receiptTimeout);
    }

    /** A copy whose sends (and calls) carry {@code wei}; refused for a function that is not payable. */
    public Contract value(BigInteger wei) {
        return copy(address, from, wei, gas, block, overrides, receiptTimeout);
    }

    /** A copy whose sends use this gas limit instead of an estimate. */
    public Contract gas(BigInteger limit) {
        return copy(address, from, value, limit, block, overrides, receiptTimeout);
    }

    /** A copy whose calls read the state at {@code blockId} (latest unless told). */
    public Contract atBlock(BlockId blockId) {
        return copy(address, from, value, gas, Objects.requireNonNull(blockId, "blockId"), overrides, receiptTimeout);
    }

    /** A copy whose calls run with these account changes (eth_call's state overrides). */
    public Contract withOverrides(StateOverrides stateOverrides) {
        return copy(address, from, value, gas, block, stateOverrides, receiptTimeout);
    }

    /** A copy that waits up to {@code timeout} for receipts. */
    public Contract receiptTimeout(Duration timeout) {
        return copy(address, from, value, gas, block, overrides, Objects.requireNonNull(timeout, "timeout"));
    }

    /** eth_call of {@code function} (a name, or a signature when overloaded): its decoded return values. */
    public Future<AbiValues> call(String function, Object... args) {
        return encoded(function, args).compose(this::called);
    }

    /**
     * As {@link #call}, the result read into {@code type}: the one output (BigInteger, Long when
     * the width fits, Address, Boolean, String, Bytes, List, a record for a tuple), a record of
     * several outputs in order, or {@link AbiValues}; the rules are in the README, "Contracts".
     * A type that cannot hold the output fails with {@link AbiException} before sending.
     */
    public <T> Future<T> callFor(Class<T> type, String function, Object... args) {
        return encoded(function, args).compose(c -> {
            String why = JavaTypeMapping.resultMismatch(c.function().outputs(), type);
            if (why != null) {
                return Future.failedFuture(new AbiException(c.function().signature() + ": cannot return " + type.getSimpleName() + ": " + why));
            }
            // long.class and friends cannot cast: their box can (the value is a Long, Integer or Boolean)
            @SuppressWarnings("unchecked")
            Class<T> boxed = (Class<T>) java.lang.invoke.MethodType.methodType(type).wrap().returnType();
            return called(c).map(values -> boxed.cast(JavaTypeMapping.result(values, type)));
        });
    }

    /** Sends a transaction calling {@code function}; its hash once the node took it. */
    public Future<Hash> send(String function, Object... args) {
        return encoded(function, args).compose(this::sent);
    }

    /**
     * Sends as {@link #send} and waits for the receipt; fails with {@link ContractRevertException}
     * when the transaction reverted (status 0), its reason learnt by replaying it as eth_call at
     * its block.
     */
    public Future<Receipt> sendAndWait(String function, Object... args) {
        return encoded(function, args).compose(this::mined);
    }

    /** eth_estimateGas of a transaction calling {@code function}; a revert fails classified. */
    public Future<BigInteger> estimateGas(String function, Object... args) {
        return encoded(function, args).compose(c -> client.eth().estimateGas(c.tx()).recover(this::classified));
    }

    /**
     * An implementation of {@code iface} whose methods call this contract, checked now against
     * the ABI: each method must match one function by name, argument count and types, and return
     * {@code Future<T>}: for a view or pure function a type {@link #callFor} can read its output
     * into; for a state-changing one {@code Future<Hash>} (sent) or {@code Future<Receipt>}
     * (sent and mined). default methods and Object's methods behave as usual. Throws
     * {@link AbiException} naming the method and what does not match.
     */
    public <T> T as(Class<T> iface) {
        InterfaceBinding binding = bindings.computeIfAbsent(iface, i -> InterfaceBinding.check(i, abi));
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[]{iface},
                new ContractInvocationHandler(this, binding)));
    }

    /** Calls a function the binding matched, with its arguments as the interface method got them. */
    Future<?> invoke(InterfaceBinding.Bound bound, Object[] args) {
        return encoded(bound.function(), args == null ? new Object[0] : args).compose(c -> switch (bound.kind()) {
            case CALL -> called(c).<Object>map(values -> JavaTypeMapping.result(values, bound.resultType()));
            case SEND -> sent(c).<Object>map(hash -> hash);
            case SEND_AND_WAIT -> mined(c).<Object>map(receipt -> receipt);
        });
    }

    private record Call(AbiFunction function, TransactionRequest tx) {
    }

    private Future<Call> encoded(String function, Object[] args) {
        try {
            return encoded(abi.function(function), args);
        } catch (AbiException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Call> encoded(AbiFunction function, Object[] args) {
        try {
            if (value != null && value.signum() > 0 && !function.stateMutability().equals("payable")) {
                throw new AbiException(function.signature() + " is " + function.stateMutability() + ": it cannot take a value of " + value + " wei");
            }
            TransactionRequest tx = TransactionRequest.builder().from(from).to(address).value(value).gas(gas)
                    .input(function.encodeCall(args)).build();
            return Future.succeededFuture(new Call(function, tx));
        } catch (AbiException e) {
            return Future.failedFuture(e);
        }
    }

    /** eth_call, its return data decoded once. */
    private Future<AbiValues> called(Call c) {
        TransactionRequest tx = c.tx();
        Future<Bytes> answer = overrides == null ? client.eth().call(tx, block) : client.eth().call(tx, block, overrides);
        return answer.recover(this::classified).compose(data -> OffLoop.run(data.length(), () -> c.function().decodeReturn(data)));
    }

    private Future<Hash> sent(Call c) {
        return client.eth().sendTransaction(c.tx()).recover(this::classified);
    }

    private Future<Receipt> mined(Call c) {
        return mined().compose(m -> m.sendAndWait(c.tx()));
    }

    private <T> Future<T> classified(Throwable failure) {
        return Future.failedFuture(reverts.classify(failure));
    }

    private Future<MinedTransactions> mined() {
        Vertx timers = vertx;
        if (timers == null) {
            Context context = Vertx.currentContext();
            if (context == null) {
                return Future.failedFuture(new IllegalStateException(
                        "waiting for a receipt needs a Vert.x: use Contract.at(vertx, address, abi, client)"));
            }
            timers = context.owner();
        }
        return Future.succeededFuture(new MinedTransactions(timers, client, reverts, receiptTimeout));
    }

    private Contract copy(Address at, Address account, BigInteger wei, BigInteger limit, BlockId blockId,
                          StateOverrides stateOverrides, Duration timeout) {
        return new Contract(at, abi, client, vertx, account, wei, limit, blockId, stateOverrides, timeout, reverts, bindings);
    }

    /** e.g. {@code Contract(0x5FbD...0aa3, Abi(12 functions, 4 events, 2 errors))}. */
    @Override
    public String toString() {
        return "Contract(" + address + ", " + abi + ")";
    }
}
