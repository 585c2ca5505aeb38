package io.ethbus.middleware;

import io.ethbus.client.EthClient;
import io.ethbus.client.ReceiptWaiter;
import io.ethbus.crypto.Account;
import io.ethbus.crypto.InvalidTransactionException;
import io.ethbus.crypto.SetCodeTransaction;
import io.ethbus.crypto.SignedTransaction;
import io.ethbus.crypto.TransactionDecoder;
import io.ethbus.crypto.UnsignedAuthorization;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.Authorization;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.SelfAndCallerCode;
import io.vertx.core.Promise;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SignAndSendRawMiddleware} sends EIP-7702 transactions from an {@code authorizationList}:
 * the sender's own unsigned authorization is signed with the nonce after the transaction's, a
 * sponsor carries another account's signed one, and the nonces stay right afterwards, also for a
 * send issued beside a self-sponsored one and after an own authorization the caller signed.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetCodeSendingAnvilTest {
    AnvilConnection connection;
    EthClient plain;
    Address delegate;

    @BeforeAll
    void start(DevChain chain) {
        connection = AnvilConnection.open(chain);
        plain = EthClient.direct(connection.provider());
        delegate = SelfAndCallerCode.install(plain);
    }

    @AfterAll
    void stop() {
        connection.close();
    }

    /** A client signing for {@code account} (funded), recording what reaches the node. */
    EthClient signingFor(Account account, ConcurrentLinkedQueue<RpcRequest> sent) {
        return RecordingSigningClient.of(connection, account, sent);
    }

    Receipt mined(EthClient client, Hash hash) {
        Receipt receipt = result(new ReceiptWaiter(connection.vertx(), client.eth()).waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(1, receipt.status());
        return receipt;
    }

    void assertDelegated(Address account) {
        assertEquals(Bytes.of("0xef0100" + delegate.toHex().substring(2)), result(plain.eth().getCode(account, BlockId.LATEST)));
        Address caller = Account.generate().address();
        assertEquals(SelfAndCallerCode.answer(account, caller), result(plain.eth().call(
                TransactionRequest.builder().from(caller).to(account).build(), BlockId.LATEST)));
    }

    SetCodeTransaction sentRaw(ConcurrentLinkedQueue<RpcRequest> sent) {
        RpcRequest raw = sent.stream().filter(r -> r.method().equals("eth_sendRawTransaction")).reduce((a, b) -> b).orElseThrow();
        SignedTransaction decoded = TransactionDecoder.decode(Bytes.of(raw.params().get(0).asText()));
        return (SetCodeTransaction) decoded.transaction();
    }

    Hash sendCarrying(EthClient client, Address to, Authorization authorization) {
        return result(client.eth().sendTransaction(TransactionRequest.builder().to(to)
                .authorizationList(List.of(authorization)).build()));
    }

    /** An ordinary send through {@code client} mines with {@code nonce}. */
    void assertNextSendTakes(EthClient client, BigInteger nonce) {
        Hash next = result(client.eth().sendTransaction(TransactionRequest.builder().to(Account.generate().address())
                .value(BigInteger.ONE).build()));
        mined(client, next);
        assertEquals(nonce, result(plain.eth().getTransactionByHash(next)).orElseThrow().nonce());
    }

    @Test
    void selfSponsoredAuthorizationIsSignedWithTheNextNonceAndLaterSendsFollowIt() {
        Account account = Account.generate();
        ConcurrentLinkedQueue<RpcRequest> sent = new ConcurrentLinkedQueue<>();
        EthClient client = signingFor(account, sent);
        Authorization own = new Authorization(null, delegate, null, null, null, null);
        Hash hash = result(client.eth().sendTransaction(TransactionRequest.builder().to(account.address())
                .authorizationList(List.of(own)).build()));
        Receipt receipt = mined(client, hash);
        assertEquals(SetCodeTransaction.TYPE, receipt.type());
        assertEquals(account.address(), receipt.logs().get(0).address(), "the delegate ran as the account");
        assertDelegated(account.address());

        SetCodeTransaction tx = sentRaw(sent);
        Authorization signed = tx.authorizationList().get(0);
        assertEquals(BigInteger.ZERO, tx.nonce());
        assertEquals(BigInteger.ONE, signed.nonce());
        assertEquals(tx.chainId(), signed.chainId());
        assertEquals(account.address(), UnsignedAuthorization.recoverAuthority(signed));

        // The authorization raised the nonce a second time: the next send must take 2, not 1.
        assertNextSendTakes(client, BigInteger.TWO);
    }

    /**
     * The ordinary send is issued while the self-sponsored one is on its way to the node, and
     * both are signed before either reaches it; the self-sponsored one goes first (anvil's pool,
     * unlike a full node's, would keep forever a transaction that arrived early above a gap the
     * authorization fills).
     */
    @Test
    void aSendIssuedWhileASelfSponsoredOneIsInFlightFromTheSameAccountBothMine() {
        Account account = Account.generate();
        EthClient client = signingFor(account, new ConcurrentLinkedQueue<>());
        Promise<Hash> ordinary = Promise.promise();
        Promise<Void> ordinarySigned = Promise.promise();
        Promise<Void> selfSponsoredSent = Promise.promise();
        AtomicBoolean issued = new AtomicBoolean();
        client.middlewareOnion().inject((request, next) -> {
            if (!request.method().equals("eth_sendRawTransaction")) {
                return next.handle(request);
            }
            if (issued.compareAndSet(false, true)) { // the self-sponsored one: issue the other, wait till it is signed
                client.eth().sendTransaction(TransactionRequest.builder().to(Account.generate().address())
                        .value(BigInteger.ONE).build()).onComplete(ordinary);
                // the ordinary one goes out once the self-sponsored one is MINED: anvil's pool would keep a
                // nonce-2 transaction queued for good behind the gap that only the authorization fills
                return ordinarySigned.future().compose(v -> next.handle(request))
                        .andThen(ar -> {
                            if (ar.failed() || ar.result().isError()) {
                                selfSponsoredSent.tryComplete();
                                return;
                            }
                            new ReceiptWaiter(connection.vertx(), plain.eth())
                                    .waitForReceipt(Hash.of(ar.result().result().asText()), Duration.ofSeconds(20))
                                    .onComplete(mined -> selfSponsoredSent.tryComplete());
                        });
            }
            ordinarySigned.tryComplete();
            return selfSponsoredSent.future().compose(v -> next.handle(request));
        }, "issuer", 1);
        Authorization own = new Authorization(null, delegate, null, null, null, null);
        Receipt setCode = mined(client, result(client.eth().sendTransaction(TransactionRequest.builder()
                .to(account.address()).authorizationList(List.of(own)).build())));
        Receipt transfer = mined(client, result(ordinary.future()));
        assertEquals(SetCodeTransaction.TYPE, setCode.type());
        assertDelegated(account.address());
        assertEquals(BigInteger.TWO, result(plain.eth().getTransactionByHash(transfer.transactionHash())).orElseThrow().nonce());
    }

    @Test
    void anOwnAuthorizationSignedByTheCallerCountsAndTheNextSendFollowsIt() {
        Account account = Account.generate();
        ConcurrentLinkedQueue<RpcRequest> sent = new ConcurrentLinkedQueue<>();
        EthClient client = signingFor(account, sent);
        BigInteger chainId = result(plain.eth().chainId());
        Authorization own = new UnsignedAuthorization(chainId, delegate, BigInteger.ONE).sign(account);
        mined(client, sendCarrying(client, account.address(), own));
        assertDelegated(account.address());
        assertEquals(List.of(own), sentRaw(sent).authorizationList());
        assertNextSendTakes(client, BigInteger.TWO);
    }

    @Test
    void aSponsorCarriesAnotherAccountsSignedAuthorization() {
        Account sponsor = Account.generate();
        Account authority = Account.generate();
        ConcurrentLinkedQueue<RpcRequest> sent = new ConcurrentLinkedQueue<>();
        EthClient client = signingFor(sponsor, sent);
        BigInteger chainId = result(plain.eth().chainId());
        Authorization auth = new UnsignedAuthorization(chainId, delegate, BigInteger.ZERO).sign(authority);
        assertEquals(SetCodeTransaction.TYPE, mined(client, sendCarrying(client, authority.address(), auth)).type());
        assertDelegated(authority.address());
        assertEquals(List.of(auth), sentRaw(sent).authorizationList(), "a signed authorization is sent as given");
    }

    @Test
    void anAuthorizationListOnAnotherTypeIsATypedError() {
        ConcurrentLinkedQueue<RpcRequest> sent = new ConcurrentLinkedQueue<>();
        EthClient client = signingFor(Account.generate(), sent);
        Throwable e = failure(client.eth().sendTransaction(TransactionRequest.builder().to(Address.ZERO).type(2)
                .authorizationList(List.of(new Authorization(null, delegate, null, null, null, null))).build()));
        assertInstanceOf(InvalidTransactionException.class, e);
        assertTrue(sent.stream().noneMatch(r -> r.method().startsWith("eth_send")), "nothing was sent");
    }
}
