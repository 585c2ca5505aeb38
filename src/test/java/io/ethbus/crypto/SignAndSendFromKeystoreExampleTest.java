package io.ethbus.crypto;

import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.Receipt;
import io.ethbus.examples.SignAndSendFromKeystore;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The examples/ program that signs and sends from a keystore works against anvil. */
@ExtendWith(AnvilExtension.class)
class SignAndSendFromKeystoreExampleTest {
    @Test
    void sendsFromAKeystoreAccount(DevChain chain) throws IOException {
        Vertx vertx = Vertx.vertx();
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        try {
            EthClient client = EthClient.direct(provider);
            Account account = Account.generate();
            result(client.request("anvil_setBalance", account.address().toHex(), Hex.quantity(BigInteger.TEN.pow(19))));
            Path file = Files.createTempFile(Files.createDirectories(AnvilExtension.workDir()), "keystore", ".json");
            Files.writeString(file, Keystore.encrypt(account, "correct horse", 1 << 12));
            Address to = Account.generate().address();

            Receipt receipt = result(SignAndSendFromKeystore.run(vertx, chain.httpUrl(), file.toString(), "correct horse",
                    to, BigInteger.valueOf(4242)), 120);
            assertEquals(1, receipt.status());
            assertEquals(account.address(), receipt.from());
            assertEquals(BigInteger.valueOf(4242), result(client.eth().getBalance(to, BlockId.LATEST)));

            assertInstanceOf(WrongPasswordException.class, failure(SignAndSendFromKeystore.run(vertx, chain.httpUrl(),
                    file.toString(), "wrong horse", to, BigInteger.ONE)));
            Files.delete(file);
        } finally {
            result(provider.close());
            result(vertx.close());
        }
    }
}
