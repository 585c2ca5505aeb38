package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs arbitrary data into EIP-4844 blobs the way viem's {@code toBlobs} does, and back: each
 * 32-byte field element is a zero byte and 31 bytes of data (so it is always below the
 * BLS12-381 modulus), and the data ends with a 0x80 byte, so that {@link #unpack} finds its end.
 *
 * <pre>BlobSidecar sidecar = Blobs.from("hello blobs".getBytes(UTF_8));</pre>
 */
public final class Blobs {
    /** Blobs one transaction may carry (EIP-7594's per-transaction cap, viem's limit too). */
    public static final int MAX_PER_TRANSACTION = 6;
    private static final int FIELD_ELEMENTS_PER_BLOB = 4096;
    private static final int DATA_BYTES_PER_ELEMENT = 31;
    private static final byte TERMINATOR = (byte) 0x80;

    private Blobs() {
    }

    /** The blobs holding {@code data}, with their commitments and proofs ({@link BlobSidecar#of(List)}: CPU work). */
    public static BlobSidecar from(byte[] data) {
        return BlobSidecar.of(pack(data));
    }

    /** The blobs holding {@code data}; at least one byte, at most what {@value #MAX_PER_TRANSACTION} blobs hold. */
    public static List<Bytes> pack(byte[] data) {
        if (data.length == 0) {
            throw new InvalidBlobException("no data to put in blobs");
        }
        // One terminator byte after the data, 31 data bytes per element.
        long elements = (data.length + 1 + DATA_BYTES_PER_ELEMENT - 1) / DATA_BYTES_PER_ELEMENT;
        long blobCount = (elements + FIELD_ELEMENTS_PER_BLOB - 1) / FIELD_ELEMENTS_PER_BLOB;
        if (blobCount > MAX_PER_TRANSACTION) {
            throw new InvalidBlobException(data.length + " bytes need " + blobCount + " blobs, more than the "
                    + MAX_PER_TRANSACTION + " of one transaction");
        }
        List<Bytes> blobs = new ArrayList<>();
        int read = 0;
        boolean ended = false;
        while (!ended) {
            byte[] blob = new byte[Kzg.BYTES_PER_BLOB];
            for (int element = 0; element < FIELD_ELEMENTS_PER_BLOB; element++) {
                int chunk = Math.min(DATA_BYTES_PER_ELEMENT, data.length - read);
                int at = element * 32 + 1;
                System.arraycopy(data, read, blob, at, chunk);
                read += chunk;
                if (chunk < DATA_BYTES_PER_ELEMENT) {
                    blob[at + chunk] = TERMINATOR;
                    ended = true;
                    break;
                }
            }
            blobs.add(Bytes.wrap(blob));
        }
        return blobs;
    }

    /** The data that {@link #pack} put in {@code blobs}: everything before the last 0x80 byte. */
    public static byte[] unpack(List<Bytes> blobs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bytes blob : blobs) {
            byte[] b = blob.value();
            for (int at = 0; at < b.length; at += 32) {
                out.write(b, at + 1, DATA_BYTES_PER_ELEMENT);
            }
        }
        byte[] all = out.toByteArray();
        int end = all.length - 1;
        while (end >= 0 && all[end] == 0) {
            end--;
        }
        if (end < 0 || all[end] != TERMINATOR) {
            throw new InvalidBlobException("blobs do not end their data with the 0x80 terminator");
        }
        return java.util.Arrays.copyOf(all, end);
    }
}
