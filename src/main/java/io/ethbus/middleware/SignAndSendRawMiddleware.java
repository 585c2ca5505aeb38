package io.ethbus.middleware;

import io.ethbus.crypto.Account;
import io.ethbus.primitives.Address;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Client-onion layer that signs locally: an eth_sendTransaction whose {@code from} (or, when
 * absent, the first account given) is one of its accounts is completed by fillers, one per
 * concern, signed, and sent as eth_sendRawTransaction. Other senders pass through. The order:
 * <ol>
 *   <li>chain id ({@link ChainIdFiller}), gas ({@link GasFiller}) and fees with the type they
 *       imply ({@link FeeFiller}), asked of the node at once;</li>
 *   <li>the nonce ({@link NonceFiller}), once the chain id is known, reserving one more for each
 *       of the sender's own EIP-7702 authorizations ({@link AuthorizationFiller#countOwn});</li>
 *   <li>for an EIP-7702 request, the sender's own authorizations ({@link AuthorizationFiller}),
 *       once the nonce is known, and only then the gas, which their delegations change;</li>
 *   <li>signing ({@link TransactionSigner}), then the send;</li>
 *   <li>the nonce source told how the send went.</li>
 * </ol>
 * Fees: a {@code gasPrice} makes a legacy transaction (EIP-2930 when an access list is given
 * too); {@code maxFeePerGas}/{@code maxPriorityFeePerGas}, or neither kind on a chain with a
 * base fee, make an EIP-1559 one; an {@code authorizationList} makes an EIP-7702 one, and
 * {@code blobs} an EIP-4844 one, sent with their KZG commitments and proofs (computed on a
 * worker; jc-kzg-4844 must be on the class path). Naming
 * both kinds is a {@link ConflictingFeeFieldsException}.
 *
 * <pre>client.middlewareOnion().add(new SignAndSendRawMiddleware(vertx, List.of(account)), "signer");</pre>
 */
public final class SignAndSendRawMiddleware implements Middleware {
    private final Map<Address, Account> accounts = new LinkedHashMap<>();
    private final Account defaultAccount;
    /** This layer's own calls, with ids of its own range so a batch never carries one twice. */
    private final LayerCalls calls = new LayerCalls(LayerCalls.SIGNING);
    private final ChainIdFiller chainIdFiller = new ChainIdFiller(new NodeChainId(calls));
    private final GasFiller gasFiller = new GasFiller();
    private final FeeFiller feeFiller = new FeeFiller();
    private final NonceFiller nonceFiller;
    private final AuthorizationFiller authorizationFiller;
    private final TransactionSigner signer;

    public SignAndSendRawMiddleware(Vertx vertx, List<Account> accounts) {
        this(vertx, accounts, new LocalNonceSource());
    }

    /**
     * As above, taking nonces from {@code nonces}: shared with other layers that send from the
     * same accounts, or cluster-wide (the cluster package's ClusterNonceSource) when other members do.
     */
    public SignAndSendRawMiddleware(Vertx vertx, List<Account> accounts, NonceSource nonces) {
        this.signer = new TransactionSigner(Objects.requireNonNull(vertx, "vertx"));
        this.authorizationFiller = new AuthorizationFiller(vertx);
        this.nonceFiller = new NonceFiller(Objects.requireNonNull(nonces, "nonces"));
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
        accounts.forEach(a -> this.accounts.put(a.address(), a));
        this.defaultAccount = accounts.get(0);
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (!RpcMethod.ETH_SEND_TRANSACTION.wireName().equals(request.method())
                || request.params().size() < 1 || !request.params().get(0).isObject()) {
            return next.handle(request);
        }
        TransactionRequest given = SendTransactionParam.read(request.params().get(0));
        Account account = accounts.get(given.from() == null ? defaultAccount.address() : given.from());
        if (account == null) {
            return next.handle(request);
        }
        TransactionRequest tx = given.toBuilder().from(account.address()).build();
        FillerCalls fillerCalls = new FillerCalls(calls, next);
        // Gas is asked at once, beside the chain id and fees, unless authorizations still need signing.
        boolean gasAfterAuthorizations = AuthorizationFiller.leavesUnsigned(tx);
        Future<BigInteger> gasAhead = gasAfterAuthorizations ? Future.succeededFuture() : gasFiller.fill(tx, fillerCalls);
        return Future.all(chainIdFiller.fill(tx, fillerCalls), gasAhead, feeFiller.fill(tx, fillerCalls))
                .compose(filled -> {
                    BigInteger chainId = filled.resultAt(0);
                    FilledFees fees = filled.resultAt(2);
                    return authorizationFiller.countOwn(tx, account.address()).compose(own ->
                            nonceFiller.fill(tx, chainId, own, fillerCalls).compose(nonce ->
                                    authorizationFiller.fill(tx, account, chainId, nonce)
                                            .compose(complete -> (gasAfterAuthorizations ? gasFiller.fill(complete, fillerCalls) : gasAhead)
                                                    .compose(gas -> signer.sign(account, complete, chainId, nonce, gas, fees)))
                                            .compose(raw -> next.handle(new RpcRequest(request.id(),
                                                    RpcMethod.ETH_SEND_RAW_TRANSACTION.wireName(), JsonRpcCodec.params(raw.toHex()))))
                                            .andThen(sent -> {
                                                if (tx.nonce() == null) {
                                                    nonceFiller.settle(sent, chainId, account.address(), nonce, own, fillerCalls);
                                                }
                                            })));
                })
                .recover(e -> e instanceof RpcException rpc
                        ? Future.succeededFuture(RpcResponse.failure(request.id(), rpc.error()))
                        : Future.failedFuture(e));
    }
}
