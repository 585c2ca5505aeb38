package io.ethbus.testsupport;

import io.ethbus.client.EthClient;
import io.ethbus.crypto.Account;
import io.ethbus.primitives.Hex;

import java.math.BigInteger;

import static io.ethbus.testsupport.Await.result;

/** Fresh accounts with 1,000 ether on the dev chain, so that tests never share a sender or its nonces. */
public final class DevAccounts {
    private DevAccounts() {
    }

    public static Account funded(EthClient client) {
        Account account = Account.generate();
        result(client.request("anvil_setBalance", account.address().toHex(), Hex.quantity(BigInteger.TEN.pow(21))));
        return account;
    }
}
