package io.ethbus.wallet;

import io.ethbus.crypto.Account;
import io.ethbus.crypto.Secp256k1;
import io.ethbus.devchain.DevChain;
import io.ethbus.client.EthClient;
import io.ethbus.primitives.Address;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * anvil derives its dev accounts from "test test ... junk" on m/44'/60'/0'/0/i: the first ten
 * accounts derived here are the ones the running dev chain answers to eth_accounts.
 */
@ExtendWith(AnvilExtension.class)
class HdWalletAnvilTest {
    static final String ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

    @Test
    void firstTenAccountsAreTheDevChainsAccounts(DevChain chain) {
        List<Address> onChain;
        HdWallet wallet;
        try (AnvilConnection connection = AnvilConnection.open(chain)) {
            onChain = result(EthClient.direct(connection.provider()).eth().accounts());
            wallet = result(HdWallet.fromMnemonic(connection.vertx(), ANVIL_MNEMONIC, ""));
        }
        assertEquals(10, onChain.size(), "the dev chain runs with anvil's ten default accounts");

        List<Address> derived = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            derived.add(wallet.account(i).address());
        }
        assertEquals(onChain, derived);
    }

    @Test
    void explicitPathEqualsIndexedAccount() {
        HdWallet wallet = HdWallet.fromMnemonic(ANVIL_MNEMONIC, "");
        Account third = wallet.account(DerivationPath.parse("m/44'/60'/0'/0/3"));
        assertEquals(wallet.account(3), third);
        // anvil's published key for account 0
        assertEquals(Account.fromPrivateKey("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"), wallet.account(0));
        assertEquals("HdWallet[BIP-32]", wallet.toString());

        wallet.destroy();
        assertTrue(wallet.isDestroyed());
        assertThrows(IllegalStateException.class, () -> wallet.account(1));
        // An account made before keeps signing.
        byte[] hash = new byte[32];
        assertEquals(third.address(), Secp256k1.recoverAddress(hash, third.sign(hash)));
    }
}
