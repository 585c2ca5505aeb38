package io.ethbus.crypto;

import io.ethbus.primitives.Hex;

/** Lets tests in other packages look for an account's key in places it must not appear. */
public final class AccountKeyAccess {
    private AccountKeyAccess() {
    }

    public static String keyHex(Account account) {
        return Hex.encode(account.privateKeyBytes());
    }
}
