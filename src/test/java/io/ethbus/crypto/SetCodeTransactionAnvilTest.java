package io.ethbus.crypto;

import io.ethbus.client.EthClient;
import io.ethbus.client.ReceiptWaiter;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.Authorization;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.Transaction;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.DevAccounts;
import io.ethbus.testsupport.SelfAndCallerCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EIP-7702 on the dev chain (its default hardfork includes Prague): a type-4 transaction signed
 * here delegates a fresh account to a small contract, sponsored by another account or sent by
 * the account itself; the account's code becomes the delegation, calls to it run the contract
 * with the account as {@code address(this)}, and the mined raw transaction decodes back equal.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetCodeTransactionAnvilTest {
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    AnvilConnection connection;
    EthClient client;
    ReceiptWaiter waiter;
    BigInteger chainId;
    Address delegate;

    @BeforeAll
    void start(DevChain chain) {
        connection = AnvilConnection.open(chain);
        client = EthClient.direct(connection.provider());
        waiter = new ReceiptWaiter(connection.vertx(), client.eth());
        chainId = result(client.eth().chainId());
        delegate = SelfAndCallerCode.install(client);
    }

    @AfterAll
    void stop() {
        connection.close();
    }

    Account funded() {
        return DevAccounts.funded(client);
    }

    BigInteger nonce(Address a) {
        return result(client.eth().getTransactionCount(a, BlockId.PENDING));
    }

    BigInteger maxFee() {
        BigInteger baseFee = result(client.eth().getBlockByNumber(BlockId.LATEST, false)).orElseThrow().baseFeePerGas();
        return baseFee.shiftLeft(1).add(GWEI);
    }

    /** Sends, checks the receipt, the delegation, a call through the account and the decoded raw transaction. */
    void sendAndCheckDelegation(SetCodeTransaction tx, Account sender, Account authority) {
        SignedTransaction signed = tx.sign(sender);
        Hash hash = result(client.eth().sendRawTransaction(signed.raw()));
        assertEquals(signed.hash(), hash);
        Receipt receipt = result(waiter.waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(1, receipt.status());
        assertEquals(SetCodeTransaction.TYPE, receipt.type());
        // The delegated code ran in the transaction, as the account.
        assertEquals(1, receipt.logs().size());
        assertEquals(authority.address(), receipt.logs().get(0).address());

        Bytes code = result(client.eth().getCode(authority.address(), BlockId.LATEST));
        assertEquals(Bytes.of("0xef0100" + delegate.toHex().substring(2)), code);
        Address caller = Account.generate().address();
        Bytes answer = result(client.eth().call(TransactionRequest.builder().from(caller).to(authority.address()).build(),
                BlockId.LATEST));
        assertEquals(SelfAndCallerCode.answer(authority.address(), caller), answer);

        Bytes raw = Bytes.of(result(client.request("eth_getRawTransactionByHash", hash.toHex())).asText());
        SignedTransaction decoded = TransactionDecoder.decode(raw);
        assertEquals(signed, decoded);
        assertEquals(sender.address(), decoded.sender());
        Transaction mined = result(client.eth().getTransactionByHash(hash)).orElseThrow();
        assertEquals(tx.authorizationList(), mined.authorizationList());
        assertEquals(authority.address(), UnsignedAuthorization.recoverAuthority(mined.authorizationList().get(0)));
    }

    @Test
    void sponsoredDelegationOfAnAccountWithoutEther() {
        Account sponsor = funded();
        Account authority = Account.generate();
        Authorization auth = new UnsignedAuthorization(chainId, delegate, nonce(authority.address())).sign(authority);
        SetCodeTransaction tx = new SetCodeTransaction(chainId, nonce(sponsor.address()), GWEI, maxFee(),
                BigInteger.valueOf(100_000), authority.address(), BigInteger.ZERO, Bytes.EMPTY, List.of(), List.of(auth));
        sendAndCheckDelegation(tx, sponsor, authority);
        assertEquals(BigInteger.ONE, nonce(authority.address()), "the authorization raised the authority's nonce");
    }

    @Test
    void selfSponsoredDelegationTakesTheNonceAfterTheTransactions() {
        Account account = funded();
        BigInteger txNonce = nonce(account.address());
        Authorization auth = new UnsignedAuthorization(chainId, delegate, txNonce.add(BigInteger.ONE)).sign(account);
        SetCodeTransaction tx = new SetCodeTransaction(chainId, txNonce, GWEI, maxFee(), BigInteger.valueOf(100_000),
                account.address(), BigInteger.ZERO, Bytes.EMPTY, List.of(), List.of(auth));
        sendAndCheckDelegation(tx, account, account);
        assertEquals(txNonce.add(BigInteger.TWO), nonce(account.address()));
    }
}
