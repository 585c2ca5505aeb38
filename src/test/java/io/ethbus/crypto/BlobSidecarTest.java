package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blobs, their sidecar and the type-3 transaction refuse bad input with an
 * {@link InvalidBlobException} that says what is wrong; packing follows viem's {@code toBlobs}.
 */
class BlobSidecarTest {
    static final Account KEY = Account.fromPrivateKey("0x" + "46".repeat(32));
    static final byte[] DATA = "blob data".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static void assertRefused(String text, org.junit.jupiter.api.function.Executable run) {
        InvalidBlobException e = assertThrows(InvalidBlobException.class, run);
        assertTrue(e.getMessage().contains(text), () -> "message should say " + text + ": " + e.getMessage());
    }

    static BlobTransaction transaction(List<Hash> hashes, BlobSidecar sidecar) {
        return new BlobTransaction(BigInteger.ONE, BigInteger.ZERO, BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(21000),
                KEY.address(), BigInteger.ZERO, null, null, BigInteger.ONE, hashes, sidecar);
    }

    @Test
    void packingIsViemsLayout() {
        List<Bytes> blobs = Blobs.pack(DATA);
        assertEquals(1, blobs.size());
        byte[] blob = blobs.get(0).value();
        assertEquals(Kzg.BYTES_PER_BLOB, blob.length);
        // A zero byte, the data, then the 0x80 terminator; the rest is zeros.
        assertEquals(0, blob[0]);
        assertArrayEquals(DATA, Arrays.copyOfRange(blob, 1, 1 + DATA.length));
        assertEquals((byte) 0x80, blob[1 + DATA.length]);
        assertTrue(Arrays.equals(new byte[blob.length - DATA.length - 2], Arrays.copyOfRange(blob, DATA.length + 2, blob.length)));
        // 31 bytes fill one element; the terminator starts the next.
        byte[] element = new byte[31];
        Arrays.fill(element, (byte) 7);
        byte[] packed = Blobs.pack(element).get(0).value();
        assertEquals(0, packed[32]);
        assertEquals((byte) 0x80, packed[33]);
        assertArrayEquals(element, Blobs.unpack(List.of(Bytes.wrap(packed))));
        // A blob's worth of data (4096 elements of 31 bytes) spills its terminator into a second blob.
        assertEquals(2, Blobs.pack(new byte[4096 * 31]).size());
        assertEquals(1, Blobs.pack(new byte[4096 * 31 - 1]).size());
    }

    @Test
    void dataThatFitsNoBlobIsRefused() {
        assertRefused("no data", () -> Blobs.pack(new byte[0]));
        assertRefused("more than the 6", () -> Blobs.pack(new byte[6 * 4096 * 31]));
        assertEquals(6, Blobs.pack(new byte[6 * 4096 * 31 - 1]).size());
    }

    @Test
    void badBlobsAreRefused() {
        BlobSidecar good = Blobs.from(DATA);
        Bytes blob = good.blobs().get(0);
        Bytes commitment = good.commitments().get(0);
        Bytes proof = good.proofs().get(0);
        assertRefused("'blobs[0]' is 131071 bytes", () -> BlobSidecar.of(List.of(Bytes.wrap(new byte[Kzg.BYTES_PER_BLOB - 1]))));
        assertRefused("'blobs[0]' is 131071 bytes",
                () -> new BlobSidecar(List.of(Bytes.wrap(new byte[Kzg.BYTES_PER_BLOB - 1])), List.of(commitment), List.of(proof)));
        // Field element 5 set to the BLS modulus itself (the smallest value that is not a field element).
        byte[] modulus = new BigInteger("52435875175126190479447740508185965837690552500527637822603658699938581184513").toByteArray();
        byte[] bad = blob.value();
        System.arraycopy(modulus, modulus.length - 32, bad, 5 * 32, 32);
        assertRefused("field element 5", () -> BlobSidecar.of(List.of(Bytes.wrap(bad))));
        bad[5 * 32] = (byte) 0xff;
        assertRefused("field element 5", () -> new BlobSidecar(List.of(Bytes.wrap(bad)), List.of(commitment), List.of(proof)));
        assertRefused("'commitments[0]' is 47 bytes",
                () -> new BlobSidecar(List.of(blob), List.of(Bytes.wrap(new byte[47])), List.of(proof)));
        assertRefused("at least one blob", () -> new BlobSidecar(List.of(), List.of(), List.of()));
    }

    @Test
    void countsMustMatch() {
        BlobSidecar good = Blobs.from(DATA);
        List<Bytes> two = List.of(good.commitments().get(0), good.commitments().get(0));
        assertRefused("1 blobs, 2 commitments, 1 proofs", () -> new BlobSidecar(good.blobs(), two, good.proofs()));
        List<Hash> hashes = new ArrayList<>(good.versionedHashes());
        hashes.add(hashes.get(0));
        assertRefused("2 blob versioned hashes for 1 blobs", () -> transaction(hashes, good));
        assertRefused("at least one hash", () -> transaction(List.of(), null));
    }

    @Test
    void versionedHashMustBeItsCommitments() {
        BlobSidecar good = Blobs.from(DATA);
        Hash versioned = good.versionedHashes().get(0);
        assertEquals(BlobSidecar.versionedHash(good.commitments().get(0)), versioned);
        byte[] other = versioned.value();
        other[31] ^= 1;
        assertRefused("'blobVersionedHashes[0]'", () -> transaction(List.of(new Hash(other)), good));

        // The network form with a sidecar whose commitment is not the signed hash's is refused on decoding.
        BlobSidecar another = Blobs.from("another".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] raw = transaction(good.versionedHashes(), good).sign(KEY).raw().value();
        List<RlpItem> outer = new ArrayList<>(Rlp.decode(Arrays.copyOfRange(raw, 1, raw.length)).asList().items());
        outer.set(2, RlpList.of(RlpString.of(another.commitments().get(0).value())));
        byte[] body = Rlp.encode(new RlpList(outer));
        byte[] tampered = new byte[body.length + 1];
        tampered[0] = 3;
        System.arraycopy(body, 0, tampered, 1, body.length);
        assertRefused("'blobVersionedHashes[0]'", () -> TransactionDecoder.decode(tampered));
        // A network form of the wrong shape names it.
        outer.remove(3);
        byte[] shortBody = Rlp.encode(new RlpList(outer));
        byte[] three = new byte[shortBody.length + 1];
        three[0] = 3;
        System.arraycopy(shortBody, 0, three, 1, shortBody.length);
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class, () -> TransactionDecoder.decode(three));
        assertTrue(e.getMessage().contains("network-form"), e.getMessage());
    }

    @Test
    void toIsRequired() {
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class, () -> new BlobTransaction(BigInteger.ONE,
                BigInteger.ZERO, BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(21000), null, BigInteger.ZERO, null, null,
                BigInteger.ONE, List.of(Hash.of("0x01" + "00".repeat(31))), null));
        assertTrue(e.getMessage().contains("'to'"), e.getMessage());
    }
}
