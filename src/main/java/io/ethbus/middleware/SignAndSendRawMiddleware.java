package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.crypto.AccessListTransaction;
import io.ethbus.crypto.Account;
import io.ethbus.crypto.DynamicFeeTransaction;
import io.ethbus.crypto.InvalidTransactionException;
import io.ethbus.crypto.LegacyTransaction;
import io.ethbus.crypto.UnsignedTransaction;
import io.ethbus.eth.AccessListItem;
import io.ethbus.eth.Address;
import io.ethbus.eth.Bytes;
import io.ethbus.eth.Hex;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Client-onion layer that signs locally: an eth_sendTransaction whose {@code from} (or, when
 * absent, the first account given) is one of its accounts is completed — chain id, nonce,
 * gas and fees — signed, and sent as eth_sendRawTransaction. Other senders pass through.
 *
 * <p>Fees: a {@code gasPrice} makes a legacy transaction (EIP-2930 when an access list is
 * given too); {@code maxFeePerGas}/{@code maxPriorityFeePerGas}, or neither kind on a chain
 * with a base fee, make an EIP-1559 one. Naming both kinds is a {@link ConflictingFeeFieldsException}.
 *
 * <pre>client.middlewareOnion().add(new SignAndSendRawMiddleware(vertx, List.of(account)), "signer");</pre>
 */
public final class SignAndSendRawMiddleware implements Middleware {
    private static final String SEND = RpcMethod.ETH_SEND_TRANSACTION.wireName();
    private final Vertx vertx;
    private final Map<Address, Account> accounts = new LinkedHashMap<>();
    private final Account defaultAccount;
    private final NonceSource nonces;
    /** This layer's own calls, with ids of its own range so a batch never carries one twice. */
    private final LayerCalls calls = new LayerCalls(LayerCalls.SIGNING);
    private Future<BigInteger> chainId;

    public SignAndSendRawMiddleware(Vertx vertx, List<Account> accounts) {
        this(vertx, accounts, new LocalNonceSource());
    }

    /**
     * As above, taking nonces from {@code nonces}: shared with other layers that send from the
     * same accounts, or cluster-wide ({@code io.ethbus.cluster.ClusterNonceSource}) when other members do.
     */
    public SignAndSendRawMiddleware(Vertx vertx, List<Account> accounts, NonceSource nonces) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
        accounts.forEach(a -> this.accounts.put(a.address(), a));
        this.defaultAccount = accounts.get(0);
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (!SEND.equals(request.method()) || request.params().size() < 1 || !request.params().get(0).isObject()) {
            return next.handle(request);
        }
        TransactionRequest tx = parse(request.params().get(0));
        Account account = accounts.get(tx.from() == null ? defaultAccount.address() : tx.from());
        if (account == null) {
            return next.handle(request);
        }
        TransactionRequest withFrom = tx.toBuilder().from(account.address()).build();
        Calls calls = new Calls(next);
        return Future.all(chainId(withFrom, calls), gas(withFrom, calls), fees(withFrom, calls))
                .compose(filled -> {
                    BigInteger chain = filled.resultAt(0);
                    BigInteger gas = filled.resultAt(1);
                    Fees fees = filled.resultAt(2);
                    return nonce(withFrom, chain, calls).compose(nonce ->
                            signAndSend(request.id(), account, build(withFrom, chain, nonce, gas, fees), chain,
                                    nonce, withFrom.nonce() == null, calls));
                })
                .recover(e -> e instanceof RpcException rpc
                        ? Future.succeededFuture(RpcResponse.failure(request.id(), rpc.error()))
                        : Future.failedFuture(e));
    }

    private Future<RpcResponse> signAndSend(long id, Account account, UnsignedTransaction tx, BigInteger chain,
                                            BigInteger nonce, boolean managedNonce, Calls calls) {
        // Signing is CPU work (~0.1 ms); on a worker, a burst of sends does not stall the event loop.
        Future<Bytes> raw = vertx.executeBlocking(() -> tx.sign(account).raw(), false);
        return raw.compose(signed -> calls.next.handle(new RpcRequest(id, RpcMethod.ETH_SEND_RAW_TRANSACTION.wireName(), JsonRpcCodec.params(signed.toHex()))))
                .andThen(ar -> {
                    if (!managedNonce) {
                        return;
                    }
                    if (ar.failed()) {
                        // The node may or may not have taken it: only its count can tell.
                        nonces.resync(chain, account.address(), calls.pendingCount(account.address()));
                    } else if (ar.result().isError()) {
                        String message = String.valueOf(ar.result().error().message()).toLowerCase();
                        if (message.contains("nonce")) {
                            nonces.resync(chain, account.address(), calls.pendingCount(account.address()));
                        } else {
                            nonces.release(chain, account.address(), nonce);
                        }
                    }
                });
    }

    private Future<BigInteger> chainId(TransactionRequest tx, Calls calls) {
        if (tx.chainId() != null) {
            return Future.succeededFuture(tx.chainId());
        }
        synchronized (this) {
            if (chainId == null) {
                Future<BigInteger> fetch = calls.quantity(RpcMethod.ETH_CHAIN_ID.wireName());
                chainId = fetch;
                fetch.onFailure(e -> {
                    synchronized (this) {
                        if (chainId == fetch) {
                            chainId = null; // a failed look-up is not cached
                        }
                    }
                });
            }
            return chainId;
        }
    }

    private static Future<BigInteger> gas(TransactionRequest tx, Calls calls) {
        if (tx.gas() != null) {
            return Future.succeededFuture(tx.gas());
        }
        return calls.quantity(RpcMethod.ETH_ESTIMATE_GAS.wireName(), tx.toBuilder().nonce(null).build().toJson());
    }

    private Future<BigInteger> nonce(TransactionRequest tx, BigInteger chain, Calls calls) {
        if (tx.nonce() != null) {
            return Future.succeededFuture(tx.nonce());
        }
        return nonces.allocate(chain, tx.from(), calls.pendingCount(tx.from()));
    }

    /** The fee fields to sign with, and the transaction type they imply. */
    private record Fees(int type, BigInteger gasPrice, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    }

    private static Future<Fees> fees(TransactionRequest tx, Calls calls) {
        boolean legacyFee = tx.gasPrice() != null;
        boolean dynamicFee = tx.maxFeePerGas() != null || tx.maxPriorityFeePerGas() != null;
        Integer type = tx.type();
        if (legacyFee && dynamicFee) {
            return Future.failedFuture(new ConflictingFeeFieldsException(SEND,
                    "gasPrice cannot be combined with maxFeePerGas/maxPriorityFeePerGas"));
        }
        if (type != null && (type < 0 || type > 2)) {
            return Future.failedFuture(new InvalidTransactionException("cannot sign transaction type " + type + " locally"));
        }
        if ((legacyFee && type != null && type == 2) || (dynamicFee && type != null && type < 2)) {
            return Future.failedFuture(new ConflictingFeeFieldsException(SEND,
                    "type " + type + " contradicts the fee fields given"));
        }
        int legacyType = (type != null && type == 1) || tx.accessList() != null ? 1 : 0;
        if (legacyFee) {
            return Future.succeededFuture(new Fees(legacyType, tx.gasPrice(), null, null));
        }
        if (type != null && type < 2) {
            return calls.quantity(RpcMethod.ETH_GAS_PRICE.wireName()).map(price -> new Fees(legacyType, price, null, null));
        }
        if (dynamicFee && tx.maxFeePerGas() != null && tx.maxPriorityFeePerGas() != null) {
            return Future.succeededFuture(new Fees(2, null, tx.maxFeePerGas(), tx.maxPriorityFeePerGas()));
        }
        return calls.json(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), "latest", false).compose(block -> {
            JsonNode baseFeeNode = block == null ? null : block.get("baseFeePerGas");
            if (baseFeeNode == null || baseFeeNode.isNull()) {
                if (dynamicFee || (type != null && type == 2)) {
                    return Future.failedFuture(new ConflictingFeeFieldsException(SEND,
                            "EIP-1559 fees asked for, but the chain has no base fee"));
                }
                return calls.quantity(RpcMethod.ETH_GAS_PRICE.wireName()).map(price -> new Fees(legacyType, price, null, null));
            }
            BigInteger baseFee = Hex.toBigInteger(baseFeeNode.asText());
            Future<BigInteger> priority = tx.maxPriorityFeePerGas() != null
                    ? Future.succeededFuture(tx.maxPriorityFeePerGas())
                    : calls.quantity(RpcMethod.ETH_MAX_PRIORITY_FEE_PER_GAS.wireName());
            return priority.map(tip -> {
                if (tx.maxFeePerGas() != null) {
                    return new Fees(2, null, tx.maxFeePerGas(), tip.min(tx.maxFeePerGas()));
                }
                // Twice the base fee: stays includable through six full blocks of base-fee rises.
                return new Fees(2, null, baseFee.shiftLeft(1).add(tip), tip);
            });
        });
    }

    private static UnsignedTransaction build(TransactionRequest tx, BigInteger chainId, BigInteger nonce, BigInteger gas, Fees fees) {
        BigInteger value = tx.value() == null ? BigInteger.ZERO : tx.value();
        List<AccessListItem> accessList = tx.accessList() == null ? List.of() : tx.accessList();
        return switch (fees.type()) {
            case 0 -> new LegacyTransaction(nonce, fees.gasPrice(), gas, tx.to(), value, tx.input(), chainId);
            case 1 -> new AccessListTransaction(chainId, nonce, fees.gasPrice(), gas, tx.to(), value, tx.input(), accessList);
            default -> new DynamicFeeTransaction(chainId, nonce, fees.maxPriorityFeePerGas(), fees.maxFeePerGas(), gas,
                    tx.to(), value, tx.input(), accessList);
        };
    }

    /** Reads the object of eth_sendTransaction; bad fields fail with the typed hex or address error. */
    private static TransactionRequest parse(JsonNode o) {
        TransactionRequest.Builder b = TransactionRequest.builder()
                .from(address(o, "from")).to(address(o, "to"))
                .gas(quantity(o, "gas")).gasPrice(quantity(o, "gasPrice"))
                .maxFeePerGas(quantity(o, "maxFeePerGas")).maxPriorityFeePerGas(quantity(o, "maxPriorityFeePerGas"))
                .value(quantity(o, "value")).nonce(quantity(o, "nonce")).chainId(quantity(o, "chainId"));
        String input = text(o, "input") != null ? text(o, "input") : text(o, "data");
        if (input != null) {
            b.input(Bytes.of(input));
        }
        BigInteger type = quantity(o, "type");
        if (type != null) {
            b.type(type.bitLength() < 31 ? type.intValue() : Integer.MAX_VALUE);
        }
        JsonNode list = o.get("accessList");
        if (list != null && list.isArray()) {
            List<AccessListItem> items = new ArrayList<>();
            list.forEach(item -> items.add(AccessListItem.fromJson(item)));
            b.accessList(items);
        }
        return b.build();
    }

    private static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Address address(JsonNode o, String name) {
        String v = text(o, name);
        return v == null ? null : Address.of(v);
    }

    private static BigInteger quantity(JsonNode o, String name) {
        String v = text(o, name);
        return v == null ? null : Hex.toBigInteger(v);
    }

    /** This layer's own calls, sent below it through {@code next}. */
    private final class Calls {
        private final Next next;

        Calls(Next next) {
            this.next = next;
        }

        Future<JsonNode> json(String method, Object... params) {
            return calls.raw(method, JsonRpcCodec.params(params), next);
        }

        Future<BigInteger> quantity(String method, Object... params) {
            return json(method, params).map(result -> Hex.toBigInteger(result.asText()));
        }

        Supplier<Future<BigInteger>> pendingCount(Address address) {
            return () -> quantity(RpcMethod.ETH_GET_TRANSACTION_COUNT.wireName(), address.toHex(), "pending");
        }
    }
}
