package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The blobs of an EIP-4844 transaction with their KZG commitments and proofs, which travel
 * beside the transaction to the node (its network form) but are not part of what is signed or
 * hashed; the transaction carries only their versioned hashes. Construction checks the shapes
 * (each blob 131,072 bytes of field elements below the BLS12-381 modulus, 48-byte commitments and
 * proofs, as many of each as blobs), not the proofs: {@link #verify()} does that.
 *
 * <pre>BlobSidecar sidecar = Blobs.from(data);   // or BlobSidecar.of(blobs)</pre>
 */
public record BlobSidecar(List<Bytes> blobs, List<Bytes> commitments, List<Bytes> proofs) {
    /** The version byte of a KZG versioned hash. */
    public static final byte VERSION_KZG = 0x01;
    private static final int BYTES_PER_FIELD_ELEMENT = 32;
    /** The BLS12-381 scalar field's modulus, big-endian: every field element of a blob is below it. */
    private static final byte[] BLS_MODULUS = toBytes32(new BigInteger(
            "52435875175126190479447740508185965837690552500527637822603658699938581184513"));

    public BlobSidecar {
        blobs = List.copyOf(blobs);
        commitments = List.copyOf(commitments);
        proofs = List.copyOf(proofs);
        if (blobs.isEmpty()) {
            throw new InvalidBlobException("a blob sidecar holds at least one blob");
        }
        if (commitments.size() != blobs.size() || proofs.size() != blobs.size()) {
            throw new InvalidBlobException("a sidecar has one commitment and one proof per blob: " + blobs.size()
                    + " blobs, " + commitments.size() + " commitments, " + proofs.size() + " proofs");
        }
        for (int i = 0; i < blobs.size(); i++) {
            requireBlob(blobs.get(i), "blobs[" + i + "]");
            requireLength(commitments.get(i), Kzg.BYTES_PER_COMMITMENT, "commitments[" + i + "]");
            requireLength(proofs.get(i), Kzg.BYTES_PER_COMMITMENT, "proofs[" + i + "]");
        }
    }

    /** Computes the commitments and proofs of {@code blobs} with {@link Kzg#mainnet()}: CPU work, keep it off event loops. */
    public static BlobSidecar of(List<Bytes> blobs) {
        return of(blobs, Kzg.mainnet());
    }

    /** As {@link #of(List)}, with the given KZG. */
    public static BlobSidecar of(List<Bytes> blobs, Kzg kzg) {
        for (int i = 0; i < blobs.size(); i++) {
            requireBlob(blobs.get(i), "blobs[" + i + "]");
        }
        List<Bytes> commitments = new ArrayList<>(blobs.size());
        List<Bytes> proofs = new ArrayList<>(blobs.size());
        for (Bytes blob : blobs) {
            Bytes commitment = kzg.commitment(blob);
            commitments.add(commitment);
            proofs.add(kzg.proof(blob, commitment));
        }
        return new BlobSidecar(blobs, commitments, proofs);
    }

    /** The versioned hashes that the transaction carries, one per commitment. */
    public List<Hash> versionedHashes() {
        List<Hash> out = new ArrayList<>(commitments.size());
        commitments.forEach(c -> out.add(versionedHash(c)));
        return List.copyOf(out);
    }

    /** {@code 0x01 || sha256(commitment)[1:]}, EIP-4844's versioned hash of a KZG commitment. */
    public static Hash versionedHash(Bytes commitment) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(commitment.value());
            hash[0] = VERSION_KZG;
            return new Hash(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether every proof is valid for its blob and commitment, with {@link Kzg#mainnet()}. */
    public boolean verify() {
        return Kzg.mainnet().verify(blobs, commitments, proofs);
    }

    /** The versioned hashes, not the 128 KiB of each blob. */
    @Override
    public String toString() {
        return "BlobSidecar[" + blobs.size() + " blobs, versionedHashes=" + versionedHashes() + "]";
    }

    /** Throws unless {@code hashes} are this sidecar's versioned hashes, in order. */
    void requireHashes(List<Hash> hashes) {
        if (hashes.size() != commitments.size()) {
            throw new InvalidBlobException(hashes.size() + " blob versioned hashes for " + commitments.size() + " blobs");
        }
        for (int i = 0; i < hashes.size(); i++) {
            Hash expected = versionedHash(commitments.get(i));
            if (!expected.equals(hashes.get(i))) {
                throw new InvalidBlobException("'blobVersionedHashes[" + i + "]' is " + hashes.get(i)
                        + ", but its commitment's versioned hash is " + expected);
            }
        }
    }

    private static void requireBlob(Bytes blob, String name) {
        requireLength(blob, Kzg.BYTES_PER_BLOB, name);
        byte[] b = blob.value();
        for (int at = 0; at < b.length; at += BYTES_PER_FIELD_ELEMENT) {
            if (java.util.Arrays.compareUnsigned(b, at, at + BYTES_PER_FIELD_ELEMENT, BLS_MODULUS, 0,
                    BYTES_PER_FIELD_ELEMENT) >= 0) {
                throw new InvalidBlobException("'" + name + "' field element " + at / BYTES_PER_FIELD_ELEMENT
                        + " is not below the BLS12-381 modulus");
            }
        }
    }

    private static void requireLength(Bytes value, int length, String name) {
        if (value == null) {
            throw new InvalidBlobException("'" + name + "' is required");
        }
        if (value.length() != length) {
            throw new InvalidBlobException("'" + name + "' is " + value.length() + " bytes, expected " + length);
        }
    }

    private static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[BYTES_PER_FIELD_ELEMENT];
        int n = Math.min(raw.length, BYTES_PER_FIELD_ELEMENT);
        System.arraycopy(raw, raw.length - n, out, BYTES_PER_FIELD_ELEMENT - n, n);
        return out;
    }
}
