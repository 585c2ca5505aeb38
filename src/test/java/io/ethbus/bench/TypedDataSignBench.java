package io.ethbus.bench;

import io.ethbus.crypto.Account;
import io.ethbus.typeddata.MailExample;
import io.ethbus.typeddata.TypedData;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Not a test: EIP-712 signing throughput of ethbus and of web3j (StructuredDataEncoder +
 * Sign.signMessage) on the EIP's Mail example, in the same JVM after a warm-up: once from the
 * JSON text each time (parse, hash, sign), once from a document already parsed (hash, sign).
 * Both use RFC 6979, so the signatures must be identical; the run checks that first.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.TypedDataSignBench -Dexec.args=3000
 * </pre>
 */
public final class TypedDataSignBench {
    private static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private TypedDataSignBench() {
    }

    public static void main(String[] args) throws IOException {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 3000;
        Account account = Account.fromPrivateKey(KEY);
        ECKeyPair keyPair = ECKeyPair.create(Numeric.toBigInt(KEY));
        TypedData parsed = TypedData.fromJson(MailExample.JSON);
        StructuredDataEncoder encoder = new StructuredDataEncoder(MailExample.JSON);

        String ours = account.signTypedData(MailExample.JSON).toBytes().toHex();
        String theirs = web3j(keyPair, new StructuredDataEncoder(MailExample.JSON));
        if (!ours.equals(theirs)) {
            throw new IllegalStateException("ethbus and web3j disagree: " + ours + " vs " + theirs);
        }

        // Alternate rounds so that neither library gets a warmer JIT or a quieter machine.
        double[] rates = new double[4];
        for (int round = 0; round < 3; round++) {
            rates[0] = Eip1559SignBenchmark.rate(millis, n -> account.signTypedData(MailExample.JSON).toBytes().toHex());
            rates[1] = Eip1559SignBenchmark.rate(millis, n -> web3j(keyPair, parse(MailExample.JSON)));
            rates[2] = Eip1559SignBenchmark.rate(millis, n -> account.signTypedData(parsed).toBytes().toHex());
            rates[3] = Eip1559SignBenchmark.rate(millis, n -> web3j(keyPair, encoder));
        }
        System.out.printf("EIP-712 Mail sign per second, from JSON: ethbus %.0f, web3j %.0f, ratio ethbus/web3j %.2f%n",
                rates[0], rates[1], rates[0] / rates[1]);
        System.out.printf("EIP-712 Mail sign per second, parsed:    ethbus %.0f, web3j %.0f, ratio ethbus/web3j %.2f%n",
                rates[2], rates[3], rates[2] / rates[3]);
    }

    static String web3j(ECKeyPair keyPair, StructuredDataEncoder encoder) {
        Sign.SignatureData sig = Sign.signMessage(encoder.hashStructuredData(), keyPair, false);
        return Numeric.toHexString(sig.getR()) + Numeric.toHexStringNoPrefix(sig.getS()) + Numeric.toHexStringNoPrefix(sig.getV());
    }

    private static StructuredDataEncoder parse(String json) {
        try {
            return new StructuredDataEncoder(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
