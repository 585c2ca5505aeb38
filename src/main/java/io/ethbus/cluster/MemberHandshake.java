package io.ethbus.cluster;

import com.hazelcast.nio.MemberSocketInterceptor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Properties;

/**
 * Mutual proof of the cluster secret on every Hazelcast connection, before Hazelcast's own
 * protocol starts: a peer that does not know the secret never gets a join request, an
 * operation or any data across, and learns nothing it could replay. The secret itself never
 * crosses the wire; traffic after the handshake is not encrypted.
 *
 * <pre>
 * connector -&gt; acceptor: "EBH1", nonceC                      (36 bytes)
 * acceptor  -&gt; connector: nonceA, HMAC(k, "A" nonceC nonceA)  (64 bytes)  connector checks
 * connector -&gt; acceptor: HMAC(k, "C" nonceA nonceC)           (32 bytes)  acceptor checks
 * </pre>
 * with {@code k = HMAC-SHA256(secret, "ethbus member handshake v1 " + cluster name)}: both
 * sides' fresh nonces are in each proof, so an answer seen once is worth nothing later, and
 * the connector checks the acceptor first, so a listener posing as a member gets no proof.
 * Hazelcast runs this on its own blocking socket, off its I/O threads.
 */
final class MemberHandshake implements MemberSocketInterceptor {
    private static final byte[] MAGIC = "EBH1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 32;
    private static final int PROOF = 32;
    /** A peer that connects and stays silent holds one handshake thread this long at most. */
    static final int TIMEOUT_MILLIS = 5_000;

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    MemberHandshake(byte[] secret, String clusterName) {
        this.key = mac(secret, ("ethbus member handshake v1 " + clusterName).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void init(Properties properties) {
        // configured through the constructor
    }

    @Override
    public void onConnect(Socket socket) throws IOException {
        withTimeout(socket, () -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] nonceC = nonce();
            out.write(concat(MAGIC, nonceC));
            out.flush();
            byte[] nonceA = read(in, NONCE);
            if (!MessageDigest.isEqual(read(in, PROOF), proof('A', nonceC, nonceA))) {
                throw new MemberHandshakeException("the member at " + socket.getRemoteSocketAddress()
                        + " did not prove the cluster secret");
            }
            out.write(proof('C', nonceA, nonceC));
            out.flush();
        });
    }

    @Override
    public void onAccept(Socket socket) throws IOException {
        withTimeout(socket, () -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (!Arrays.equals(read(in, MAGIC.length), MAGIC)) {
                throw new MemberHandshakeException("a connection from " + socket.getRemoteSocketAddress()
                        + " did not start the member handshake (a member without the cluster secret, or not a member)");
            }
            byte[] nonceC = read(in, NONCE);
            byte[] nonceA = nonce();
            out.write(concat(nonceA, proof('A', nonceC, nonceA)));
            out.flush();
            if (!MessageDigest.isEqual(read(in, PROOF), proof('C', nonceA, nonceC))) {
                throw new MemberHandshakeException("a connection from " + socket.getRemoteSocketAddress()
                        + " did not prove the cluster secret");
            }
        });
    }

    private interface Exchange {
        void run() throws IOException;
    }

    private static void withTimeout(Socket socket, Exchange exchange) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        try {
            exchange.run();
        } finally {
            socket.setSoTimeout(before);
        }
    }

    private byte[] proof(char role, byte[] first, byte[] second) {
        return mac(key, concat(new byte[]{(byte) role}, concat(first, second)));
    }

    private byte[] nonce() {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] read(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        new DataInputStream(in).readFully(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The peer did not prove the secret; Hazelcast closes the connection and logs this message. */
    static final class MemberHandshakeException extends IOException {
        MemberHandshakeException(String message) {
            super(message);
        }
    }
}
