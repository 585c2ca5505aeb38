package io.ethbus.ens;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * ENS look-ups through eth_call: the registry (at its canonical address) names a resolver for
 * a node; the resolver gives the address ({@code addr(bytes32)}) or, for
 * {@code <address>.addr.reverse}, the name ({@code name(bytes32)}). A reverse name counts only
 * when it resolves back to the same address.
 *
 * <pre>new EnsResolver(caller).address("vitalik.eth").onSuccess(a -&gt; ...)</pre>
 */
public final class EnsResolver {
    /**
     * The ENS registry, at the same address on mainnet and the main testnets. Written in
     * lowercase: the mixed-case spelling often quoted for it is not its EIP-55 checksum form.
     */
    public static final Address REGISTRY = Address.of("0x00000000000c2e074ec69a0bfb2997ba6c7d2e1e");
    static final String RESOLVER_SELECTOR = "0178b8bf";
    static final String ADDR_SELECTOR = "3b3b57de";
    static final String NAME_SELECTOR = "691f3431";

    private final RpcCaller caller;

    public EnsResolver(RpcCaller caller) {
        this.caller = caller;
    }

    /** The address {@code name} resolves to; {@link EnsNameNotFoundException} when there is none. */
    public Future<Address> address(String name) {
        Hash node;
        try {
            node = NameHash.of(name);
        } catch (InvalidEnsNameException e) {
            return Future.failedFuture(e);
        }
        return resolverOf(node, name).compose(resolver -> call(resolver, ADDR_SELECTOR, node))
                .map(word -> {
                    Address a = wordToAddress(word);
                    if (a.equals(Address.ZERO)) {
                        throw new EnsNameNotFoundException("name '" + name + "'", caller.endpoint());
                    }
                    return a;
                });
    }

    /** The primary name of {@code address}, checked to resolve back to it. */
    public Future<String> name(Address address) {
        String reverse = address.toHex().substring(2).toLowerCase(Locale.ROOT) + ".addr.reverse";
        Hash node = NameHash.of(reverse);
        return resolverOf(node, reverse).compose(resolver -> call(resolver, NAME_SELECTOR, node))
                .map(EnsResolver::abiString)
                .compose(name -> {
                    if (name.isEmpty()) {
                        return Future.failedFuture(new EnsNameNotFoundException("address " + address, caller.endpoint()));
                    }
                    return address(name).compose(forward -> forward.equals(address) ? Future.succeededFuture(name)
                            : Future.failedFuture(new EnsNameNotFoundException("address " + address + " (its reverse name '"
                            + name + "' resolves to " + forward + ")", caller.endpoint())));
                });
    }

    private Future<Address> resolverOf(Hash node, String what) {
        return call(REGISTRY, RESOLVER_SELECTOR, node).map(word -> {
            Address resolver = wordToAddress(word);
            if (resolver.equals(Address.ZERO)) {
                throw new EnsNameNotFoundException("name '" + what + "' (no resolver)", caller.endpoint());
            }
            return resolver;
        });
    }

    private Future<Bytes> call(Address contract, String selector, Hash node) {
        TransactionRequest tx = TransactionRequest.builder().to(contract)
                .input(Bytes.of("0x" + selector + node.toHex().substring(2))).build();
        return caller.call(EthCalls.call(tx, BlockId.LATEST));
    }

    private Address wordToAddress(Bytes word) {
        byte[] w = word.toArray();
        if (w.length == 0) {
            return Address.ZERO; // no contract there
        }
        if (w.length < 32) {
            throw new MalformedResponseException(RpcMethod.ETH_CALL.wireName(), caller.endpoint(), "ENS answer of " + w.length + " bytes, not a word");
        }
        return new Address(Arrays.copyOfRange(w, 12, 32));
    }

    /** Decodes an ABI-encoded {@code string} return value, bounds-checked. */
    static String abiString(Bytes data) {
        byte[] d = data.toArray();
        if (d.length == 0) {
            return "";
        }
        if (d.length < 64) {
            throw new MalformedResponseException(RpcMethod.ETH_CALL.wireName(), null, "ABI string of " + d.length + " bytes");
        }
        BigInteger offset = new BigInteger(1, Arrays.copyOfRange(d, 0, 32));
        if (offset.compareTo(BigInteger.valueOf(d.length - 32)) > 0) {
            throw new MalformedResponseException(RpcMethod.ETH_CALL.wireName(), null, "ABI string offset " + offset + " outside " + d.length + " bytes");
        }
        int at = offset.intValueExact();
        BigInteger length = new BigInteger(1, Arrays.copyOfRange(d, at, at + 32));
        if (length.compareTo(BigInteger.valueOf(d.length - at - 32)) > 0) {
            throw new MalformedResponseException(RpcMethod.ETH_CALL.wireName(), null, "ABI string length " + length + " past the data");
        }
        return new String(d, at + 32, length.intValueExact(), StandardCharsets.UTF_8);
    }
}
