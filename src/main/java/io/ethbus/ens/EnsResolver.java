package io.ethbus.ens;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiFunction;
import io.ethbus.abi.AbiValues;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * ENS look-ups through eth_call: the registry (at its canonical address) names a resolver for
 * a node; the resolver gives the address ({@code addr(bytes32)}) or, for
 * {@code <address>.addr.reverse}, the name ({@code name(bytes32)}). A reverse name counts only
 * when it is in ENSIP-15 normal form and resolves back to the same address. Names are
 * normalised with ENSIP-15 ({@link EnsName}) before they are hashed; one it rejects fails
 * with {@link InvalidEnsNameException}.
 *
 * <pre>new EnsResolver(caller).address("vitalik.eth").onSuccess(a -&gt; ...)</pre>
 */
public final class EnsResolver {
    /**
     * The ENS registry, at the same address on mainnet and the main testnets. Written in
     * lowercase: the mixed-case spelling often quoted for it is not its EIP-55 checksum form.
     */
    public static final Address REGISTRY = Address.of("0x00000000000c2e074ec69a0bfb2997ba6c7d2e1e");
    private static final Abi ENS = Abi.parse(
            "function resolver(bytes32 node) view returns (address)",
            "function addr(bytes32 node) view returns (address)",
            "function name(bytes32 node) view returns (string)");
    /** The registry's {@code resolver(bytes32)}. */
    static final AbiFunction RESOLVER = ENS.function("resolver");
    /** A resolver's {@code addr(bytes32)}. */
    static final AbiFunction ADDR = ENS.function("addr");
    /** A resolver's {@code name(bytes32)}. */
    static final AbiFunction NAME = ENS.function("name");

    private final RpcCaller caller;

    public EnsResolver(RpcCaller caller) {
        this.caller = caller;
    }

    /** The address {@code name} resolves to; {@link EnsNameNotFoundException} when there is none. */
    public Future<Address> address(String name) {
        return nodeOf(name).compose(node -> resolverOf(node, name).compose(resolver -> call(resolver, ADDR, node)))
                .map(word -> {
                    Address a = addressIn(ADDR, word);
                    if (a.equals(Address.ZERO)) {
                        throw new EnsNameNotFoundException("name '" + name + "'", caller.endpoint());
                    }
                    return a;
                });
    }

    /**
     * The primary name of {@code address}, checked to be in ENSIP-15 normal form and to resolve
     * back to it; {@link EnsNameNotFoundException} otherwise.
     */
    public Future<String> name(Address address) {
        String reverse = address.toHex().substring(2).toLowerCase(Locale.ROOT) + ".addr.reverse";
        return nodeOf(reverse).compose(node -> resolverOf(node, reverse).compose(resolver -> call(resolver, NAME, node)))
                .map(this::nameIn)
                .compose(name -> {
                    if (name.isEmpty()) {
                        return Future.failedFuture(new EnsNameNotFoundException("address " + address, caller.endpoint()));
                    }
                    return primary(address, name).compose(this::address).compose(forward -> forward.equals(address)
                            ? Future.succeededFuture(name)
                            : Future.failedFuture(new EnsNameNotFoundException("address " + address + " (its reverse name '"
                            + name + "' resolves to " + forward + ")", caller.endpoint())));
                });
    }

    /**
     * {@code name} when a reverse record may name it: only a name already in ENSIP-15 normal
     * form is a primary name (a record of 'Alice.eth' or 'a_b.eth' is none), as ENS asks of
     * clients, so that what is shown is what was hashed.
     */
    private Future<String> primary(Address address, String name) {
        return offLoop(() -> EnsName.normalize(name)).transform(normalised -> {
            if (normalised.succeeded() && normalised.result().equals(name)) {
                return Future.succeededFuture(name);
            }
            String why = normalised.succeeded() ? "is not normalised: '" + normalised.result() + "'"
                    : "is not a valid ENS name: " + normalised.cause().getMessage();
            return Future.failedFuture(new EnsNameNotFoundException("address " + address + " (its reverse name '"
                    + name + "' " + why + ")", caller.endpoint()));
        });
    }

    private static Future<Hash> nodeOf(String name) {
        return offLoop(() -> NameHash.of(name));
    }

    /**
     * {@code normalising} on a worker when this runs on an event loop: normalising loads
     * ENSIP-15's tables on first use, which would stall the loop.
     */
    private static <T> Future<T> offLoop(Callable<T> normalising) {
        Context context = Vertx.currentContext();
        if (context != null && Context.isOnEventLoopThread()) {
            return context.executeBlocking(normalising, false);
        }
        try {
            return Future.succeededFuture(normalising.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Address> resolverOf(Hash node, String what) {
        return call(REGISTRY, RESOLVER, node).map(word -> {
            Address resolver = addressIn(RESOLVER, word);
            if (resolver.equals(Address.ZERO)) {
                throw new EnsNameNotFoundException("name '" + what + "' (no resolver)", caller.endpoint());
            }
            return resolver;
        });
    }

    private Future<Bytes> call(Address contract, AbiFunction function, Hash node) {
        TransactionRequest tx = TransactionRequest.builder().to(contract)
                .input(function.encodeCall(node.value())).build();
        return caller.call(EthCalls.call(tx, BlockId.LATEST));
    }

    /** The address {@code function} returned; the zero address when no contract answered. */
    private Address addressIn(AbiFunction function, Bytes returned) {
        if (returned.length() == 0) {
            return Address.ZERO; // no contract there
        }
        return decode(function, returned, caller.endpoint()).getAddress(0);
    }

    private String nameIn(Bytes returned) {
        return decodeName(returned, caller.endpoint());
    }

    /** The string {@code name(bytes32)} returned; empty when no contract answered. */
    static String decodeName(Bytes returned, String endpoint) {
        return returned.length() == 0 ? "" : decode(NAME, returned, endpoint).getString(0);
    }

    private static AbiValues decode(AbiFunction function, Bytes returned, String endpoint) {
        try {
            return function.decodeReturn(returned);
        } catch (AbiDecodingException e) {
            throw new MalformedResponseException(RpcMethod.ETH_CALL.wireName(), endpoint, "ENS answer: " + e.getMessage(), e);
        }
    }
}
