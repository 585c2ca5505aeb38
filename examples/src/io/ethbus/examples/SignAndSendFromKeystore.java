package io.ethbus.examples;

import io.ethbus.crypto.Keystore;
import io.ethbus.primitives.Address;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.client.ReceiptWaiter;
import io.ethbus.middleware.SignAndSendRawMiddleware;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * Unlocks a keystore file, then sends value from its account with a locally signed
 * transaction: the client onion fills nonce, gas and fees, signs, and sends it raw; the
 * node never sees the key. The password comes from the environment, not the command line,
 * so that it does not show in the process list.
 *
 * <pre>ETHBUS_KEYSTORE_PASSWORD=... java io.ethbus.examples.SignAndSendFromKeystore http://127.0.0.1:8545 key.json 0xTo 1000</pre>
 */
public final class SignAndSendFromKeystore {
    private SignAndSendFromKeystore() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: SignAndSendFromKeystore URL KEYSTORE_FILE TO_ADDRESS VALUE_WEI (password in ETHBUS_KEYSTORE_PASSWORD)");
            System.exit(2);
        }
        String password = System.getenv().getOrDefault("ETHBUS_KEYSTORE_PASSWORD", "");
        Vertx vertx = Vertx.vertx();
        run(vertx, args[0], args[1], password, Address.of(args[2]), new BigInteger(args[3]))
                .onSuccess(r -> System.out.println("mined in block " + r.blockNumber() + ": " + r.transactionHash()
                        + (r.succeeded() ? " (success)" : " (failed)")))
                .onFailure(e -> System.err.println("failed: " + e.getMessage()))
                .eventually(vertx::close);
    }

    /** Decrypts {@code keystoreFile} on a worker, sends {@code value} wei to {@code to}, and waits for the receipt. */
    public static Future<Receipt> run(Vertx vertx, String url, String keystoreFile, String password, Address to, BigInteger value) {
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(url));
        return vertx.fileSystem().readFile(keystoreFile)
                .compose(json -> Keystore.decrypt(vertx, json.toString(), password))
                .compose(account -> {
                    EthClient client = EthClient.direct(provider);
                    client.middlewareOnion().add(new SignAndSendRawMiddleware(vertx, List.of(account)), "signer");
                    TransactionRequest tx = TransactionRequest.builder().from(account.address()).to(to).value(value).build();
                    return client.eth().sendTransaction(tx)
                            .compose(hash -> new ReceiptWaiter(vertx, client.eth()).waitForReceipt(hash, Duration.ofSeconds(60)));
                })
                .eventually(provider::close);
    }
}
