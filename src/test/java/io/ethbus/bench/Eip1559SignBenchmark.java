package io.ethbus.bench;

import io.ethbus.crypto.Account;
import io.ethbus.crypto.BlobSidecar;
import io.ethbus.crypto.BlobTransaction;
import io.ethbus.crypto.Blobs;
import io.ethbus.crypto.DynamicFeeTransaction;
import io.ethbus.crypto.SetCodeTransaction;
import io.ethbus.crypto.UnsignedAuthorization;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import org.web3j.crypto.Blob;
import org.web3j.crypto.BlobUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

import java.math.BigInteger;
import java.util.List;

/**
 * Not a test: EIP-1559 sign + encode throughput of ethbus and of web3j, measured in the same
 * JVM on the same transactions, after a warm-up. Both use RFC 6979, so their raw bytes must be
 * identical; the run checks that before timing anything. Then EIP-7702 (type 4) sign + encode,
 * one authorization signed per transaction, for ethbus alone: web3j 4.13 has no 7702 signer.
 * Last, EIP-4844 (type 3) sign + encode of a one-blob transaction including its KZG commitment
 * and proof, beside web3j's (its BlobUtils, over the same c-kzg-4844 binding), checked
 * byte-identical first.
 *
 * Run with the test classpath; the optional argument is the milliseconds per measuring round:
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.Eip1559SignBenchmark -Dexec.args=3000
 * </pre>
 */
public final class Eip1559SignBenchmark {
    private static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final long CHAIN_ID = 31337;
    private static final String TO = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final BigInteger GAS = BigInteger.valueOf(21000);
    private static final BigInteger TIP = BigInteger.TEN.pow(9);
    private static final BigInteger FEE_CAP = BigInteger.TEN.pow(11);
    private static final BigInteger VALUE = BigInteger.TEN.pow(15);
    private static final BigInteger SET_CODE_GAS = BigInteger.valueOf(60000);

    private Eip1559SignBenchmark() {
    }

    public static void main(String[] args) {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 3000;
        Account account = Account.fromPrivateKey(KEY);
        Credentials credentials = Credentials.create(KEY);

        for (long nonce = 0; nonce < 50; nonce++) {
            String ours = ethbus(account, nonce);
            String theirs = web3j(credentials, nonce);
            if (!ours.equals(theirs)) {
                throw new IllegalStateException("ethbus and web3j disagree at nonce " + nonce + ": " + ours + " vs " + theirs);
            }
        }

        // Alternate rounds so that neither library gets a warmer JIT or a quieter machine.
        double ethbusRate = 0;
        double web3jRate = 0;
        for (int round = 0; round < 3; round++) {
            ethbusRate = rate(millis, nonce -> ethbus(account, nonce));
            web3jRate = rate(millis, nonce -> web3j(credentials, nonce));
        }
        System.out.printf("EIP-1559 sign+encode per second: ethbus %.0f, web3j %.0f, ratio ethbus/web3j %.2f%n",
                ethbusRate, web3jRate, ethbusRate / web3jRate);

        double setCodeRate = 0;
        for (int round = 0; round < 3; round++) {
            setCodeRate = rate(millis, nonce -> ethbusSetCode(account, nonce));
        }
        System.out.printf("EIP-7702 (authorization + type-4) sign+encode per second: ethbus %.0f (web3j 4.13: no 7702 signer)%n",
                setCodeRate);

        // web3j's BlobUtils loads the (process-wide) trusted setup in its static initialiser and fails if it is
        // loaded already; ethbus's Kzg accepts one loaded before it. So web3j goes first.
        BlobUtils.kzgToVersionedHash(org.apache.tuweni.bytes.Bytes.wrap(new byte[48]));
        Bytes blob = Blobs.pack("a blob of the signing benchmark".repeat(100).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).get(0);
        for (long nonce = 0; nonce < 3; nonce++) {
            String ours = ethbusBlob(account, nonce, blob);
            String theirs = web3jBlob(credentials, nonce, blob);
            if (!ours.equals(theirs)) {
                throw new IllegalStateException("ethbus and web3j disagree on the blob transaction at nonce " + nonce);
            }
        }
        double ethbusBlobRate = 0;
        double web3jBlobRate = 0;
        for (int round = 0; round < 3; round++) {
            ethbusBlobRate = rate(millis, nonce -> ethbusBlob(account, nonce, blob));
            web3jBlobRate = rate(millis, nonce -> web3jBlob(credentials, nonce, blob));
        }
        System.out.printf("EIP-4844 (one blob: KZG commitment + proof, type-3) sign+encode per second: ethbus %.1f, web3j %.1f,"
                + " ratio ethbus/web3j %.2f%n", ethbusBlobRate, web3jBlobRate, ethbusBlobRate / web3jBlobRate);
    }

    /** A one-blob type-3 transaction in its network form: the commitment and proof are computed each time. */
    static String ethbusBlob(Account account, long nonce, Bytes blob) {
        BlobTransaction tx = new BlobTransaction(BigInteger.valueOf(CHAIN_ID), BigInteger.valueOf(nonce), TIP, FEE_CAP, GAS,
                Address.of(TO), VALUE, Bytes.EMPTY, List.of(), TIP, BlobSidecar.of(List.of(blob)));
        return Hex.encode(tx.sign(account).raw().value());
    }

    static String web3jBlob(Credentials credentials, long nonce, Bytes blob) {
        RawTransaction tx = RawTransaction.createTransaction(List.of(new Blob(blob.value())), CHAIN_ID,
                BigInteger.valueOf(nonce), TIP, FEE_CAP, GAS, TO, VALUE, "", TIP);
        return org.web3j.utils.Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials));
    }

    /** A self-sponsored type-4 transaction: its authorization (two signatures in all) is signed each time. */
    static String ethbusSetCode(Account account, long nonce) {
        BigInteger txNonce = BigInteger.valueOf(nonce);
        SetCodeTransaction tx = new SetCodeTransaction(BigInteger.valueOf(CHAIN_ID), txNonce, TIP, FEE_CAP, SET_CODE_GAS,
                account.address(), BigInteger.ZERO, Bytes.EMPTY, List.of(),
                List.of(new UnsignedAuthorization(BigInteger.valueOf(CHAIN_ID), Address.of(TO), txNonce.add(BigInteger.ONE))
                        .sign(account)));
        return Hex.encode(tx.sign(account).raw().value());
    }

    static String ethbus(Account account, long nonce) {
        DynamicFeeTransaction tx = new DynamicFeeTransaction(BigInteger.valueOf(CHAIN_ID), BigInteger.valueOf(nonce),
                TIP, FEE_CAP, GAS, Address.of(TO), VALUE, Bytes.EMPTY, List.of());
        return Hex.encode(tx.sign(account).raw().value());
    }

    static String web3j(Credentials credentials, long nonce) {
        RawTransaction tx = RawTransaction.createTransaction(CHAIN_ID, BigInteger.valueOf(nonce), GAS, TO, VALUE, "",
                TIP, FEE_CAP);
        return org.web3j.utils.Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials));
    }

    interface Work {
        String run(long nonce);
    }

    /** Operations per second over about {@code millis}; the result is consumed so the work cannot be elided. */
    static double rate(long millis, Work work) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long start = System.nanoTime();
        long count = 0;
        int sink = 0;
        while (System.nanoTime() < deadline) {
            sink += work.run(count).length();
            count++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.print("");
        }
        return count / seconds;
    }
}
