package io.ethbus.wallet;

import io.ethbus.crypto.Account;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import javax.security.auth.Destroyable;
import java.util.Arrays;

/**
 * Ethereum accounts from a BIP-39 mnemonic: the BIP-32 master key of its seed, and the accounts
 * below it, by default on BIP-44's Ethereum path {@code m/44'/60'/0'/0/i} (as MetaMask, anvil,
 * ethers, viem and web3j use). The words and keys are never in {@link #toString()}; only the
 * master key is kept (the seed is zeroed), and {@link #destroy()} zeroes it. Thread-safe: a
 * {@link #destroy()} waits for a derivation under way on another thread.
 *
 * <pre>
 * HdWallet wallet = HdWallet.fromMnemonic("test test test test test test test test test test test junk", "");
 * Account first = wallet.account(0);   // 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
 * </pre>
 */
public final class HdWallet implements Destroyable {
    private final HdKey master;

    private HdWallet(HdKey master) {
        this.master = master;
    }

    /**
     * A wallet from a mnemonic phrase and passphrase ("" or null for none). PBKDF2's 2048 rounds
     * take a few milliseconds: on an event loop use {@link #fromMnemonic(Vertx, String, String)}.
     *
     * @throws InvalidMnemonicException when the phrase is not a valid BIP-39 English mnemonic
     */
    public static HdWallet fromMnemonic(String words, String passphrase) {
        return fromMnemonic(Mnemonic.parse(words), passphrase);
    }

    /** A wallet from a parsed mnemonic and a passphrase ("" or null for none). */
    public static HdWallet fromMnemonic(Mnemonic mnemonic, String passphrase) {
        byte[] seed = mnemonic.seed(passphrase);
        try {
            return new HdWallet(HdKey.fromSeed(seed));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** {@link #fromMnemonic(String, String)} on a worker thread, for callers on an event loop. */
    public static Future<HdWallet> fromMnemonic(Vertx vertx, String words, String passphrase) {
        return vertx.executeBlocking(() -> fromMnemonic(words, passphrase), false);
    }

    /** The account at BIP-44's Ethereum path {@code m/44'/60'/0'/0/index}. */
    public Account account(int index) {
        return account(DerivationPath.ethereum(index));
    }

    /** The account at any path from the master key. */
    public synchronized Account account(DerivationPath path) {
        HdKey key = master.derive(path);
        try {
            return key.account();
        } finally {
            if (key != master) {
                key.destroy();
            }
        }
    }

    /** Zeroes the master key; the wallet derives no more accounts (those already made keep working). */
    @Override
    public synchronized void destroy() {
        master.destroy();
    }

    /** True once {@link #destroy()} has run. */
    @Override
    public synchronized boolean isDestroyed() {
        return master.isDestroyed();
    }

    /** No words, no keys. */
    @Override
    public String toString() {
        return "HdWallet[BIP-32]";
    }
}
