package io.ethbus.crypto;

import ethereum.ckzg4844.CKZG4844JNI;
import io.ethbus.primitives.Bytes;

import java.util.List;

/**
 * KZG commitments and proofs of EIP-4844 blobs over the mainnet trusted setup, through
 * c-kzg-4844's JNI binding ({@code io.consensys.protocols:jc-kzg-4844}, an optional dependency:
 * only a user who sends blobs needs it). The native library and the setup are loaded once per
 * JVM, on first use of {@link #mainnet()}; that takes about a second, and computing a blob's
 * commitment and proof tens of milliseconds, so from Vert.x call it on a worker
 * ({@code executeBlocking}), never on an event loop.
 */
public final class Kzg {
    /** Bytes in one blob: 4096 field elements of 32 bytes. */
    public static final int BYTES_PER_BLOB = 131_072;
    /** Bytes in a KZG commitment or proof (a compressed BLS12-381 G1 point). */
    public static final int BYTES_PER_COMMITMENT = 48;
    private static final String TRUSTED_SETUP = "/io/ethbus/crypto/trusted_setup.txt";

    private Kzg() {
        // Another user of the binding in this JVM (web3j's BlobUtils) may have loaded the library and
        // the setup already. Loading the library again would load a second copy, without a setup,
        // that later calls could bind to; so it is loaded only when the binding's methods are unlinked.
        try {
            loadTrustedSetup();
        } catch (UnsatisfiedLinkError notLoaded) {
            CKZG4844JNI.loadNativeLibrary();
            loadTrustedSetup();
        }
    }

    private static void loadTrustedSetup() {
        try {
            CKZG4844JNI.loadTrustedSetupFromResource(TRUSTED_SETUP, Kzg.class, 0);
        } catch (RuntimeException e) {
            // The setup is one per process; every copy in circulation is the mainnet one.
            if (e.getMessage() == null || !e.getMessage().startsWith("Trusted Setup is already loaded")) {
                throw e;
            }
        }
    }

    /** Loaded on first use, by the JVM's class initialisation, which runs once and is thread-safe. */
    private static final class Mainnet {
        private static final Kzg INSTANCE = new Kzg();
    }

    /**
     * KZG over the mainnet trusted setup (the one every Ethereum network uses).
     *
     * @throws IllegalStateException when jc-kzg-4844 is not on the class path
     */
    public static Kzg mainnet() {
        try {
            return Mainnet.INSTANCE;
        } catch (NoClassDefFoundError e) {
            // The optional dependency is missing: say which one, not just the class.
            throw new IllegalStateException("KZG for EIP-4844 blobs needs io.consensys.protocols:jc-kzg-4844 on the class path", e);
        }
    }

    /** The commitment to {@code blob}, which must be a valid blob (see {@link BlobSidecar}). */
    public Bytes commitment(Bytes blob) {
        return Bytes.wrap(call(() -> CKZG4844JNI.blobToKzgCommitment(blob.value())));
    }

    /** The proof that {@code commitment} commits to {@code blob}, as the blob transaction's sidecar carries it. */
    public Bytes proof(Bytes blob, Bytes commitment) {
        return Bytes.wrap(call(() -> CKZG4844JNI.computeBlobKzgProof(blob.value(), commitment.value())));
    }

    /** Whether every proof shows that its commitment commits to its blob (one batched check). */
    public boolean verify(List<Bytes> blobs, List<Bytes> commitments, List<Bytes> proofs) {
        if (blobs.size() != commitments.size() || blobs.size() != proofs.size()) {
            return false;
        }
        return call(() -> CKZG4844JNI.verifyBlobKzgProofBatch(concat(blobs), concat(commitments), concat(proofs),
                blobs.size()));
    }

    private static byte[] concat(List<Bytes> parts) {
        int length = 0;
        for (Bytes part : parts) {
            length += part.length();
        }
        byte[] out = new byte[length];
        int at = 0;
        for (Bytes part : parts) {
            byte[] b = part.value();
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    private interface NativeCall<T> {
        T run();
    }

    /** The binding's exceptions (bad blob, point not on the curve) as ethbus's typed error. */
    private static <T> T call(NativeCall<T> call) {
        try {
            return call.run();
        } catch (ethereum.ckzg4844.CKZGException e) {
            throw new InvalidBlobException("KZG refused the input: " + e.getMessage(), e);
        }
    }
}
