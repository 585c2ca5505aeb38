package io.ethbus.crypto;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive Length Prefix encoding, Ethereum's serialisation. Decoding is strict: only the
 * one canonical encoding of an item is accepted (no single byte below 0x80 wrapped as a
 * string, no long form for short payloads, no leading zeros in lengths, no trailing bytes).
 *
 * <pre>byte[] dog = Rlp.encode(RlpString.of("dog".getBytes(US_ASCII)));  // 0x83646f67</pre>
 */
public final class Rlp {
    private static final int SHORT_LIMIT = 55;
    /** Bounds nesting so hostile input cannot exhaust the stack. */
    private static final int MAX_DEPTH = 1024;

    private Rlp() {
    }

    public static byte[] encode(RlpItem item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(item, out);
        return out.toByteArray();
    }

    /** Decodes exactly one item that spans the whole input. */
    public static RlpItem decode(byte[] input) {
        Reader reader = new Reader(input);
        RlpItem item = reader.item(0, input.length, 0);
        if (reader.pos != input.length) {
            throw new RlpException((input.length - reader.pos) + " trailing bytes after the RLP item");
        }
        return item;
    }

    private static void write(RlpItem item, ByteArrayOutputStream out) {
        if (item instanceof RlpString s) {
            byte[] b = s.bytes();
            if (b.length == 1 && (b[0] & 0xff) < 0x80) {
                out.write(b[0]);
            } else {
                writeHeader(0x80, b.length, out);
                out.writeBytes(b);
            }
        } else {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            for (RlpItem child : ((RlpList) item).items()) {
                write(child, payload);
            }
            writeHeader(0xc0, payload.size(), out);
            out.writeBytes(payload.toByteArray());
        }
    }

    private static void writeHeader(int offset, int length, ByteArrayOutputStream out) {
        if (length <= SHORT_LIMIT) {
            out.write(offset + length);
            return;
        }
        int lengthBytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(offset + SHORT_LIMIT + lengthBytes);
        for (int i = lengthBytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    private static final class Reader {
        private final byte[] in;
        private int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        /** Reads one item starting at pos, which must end at or before {@code end}. */
        RlpItem item(int start, int end, int depth) {
            if (depth > MAX_DEPTH) {
                throw new RlpException("RLP nested deeper than " + MAX_DEPTH);
            }
            pos = start;
            if (pos >= end) {
                throw new RlpException("RLP input ends where an item should start (offset " + pos + ")");
            }
            int prefix = in[pos] & 0xff;
            if (prefix < 0x80) {
                pos++;
                return new RlpString(new byte[] {(byte) prefix});
            }
            boolean list = prefix >= 0xc0;
            int base = list ? 0xc0 : 0x80;
            int payloadLength;
            int headerEnd;
            if (prefix - base <= SHORT_LIMIT) {
                payloadLength = prefix - base;
                headerEnd = pos + 1;
            } else {
                int lengthBytes = prefix - base - SHORT_LIMIT;
                headerEnd = pos + 1 + lengthBytes;
                if (headerEnd > end) {
                    throw new RlpException("RLP length runs past the end of the input at offset " + pos);
                }
                if (in[pos + 1] == 0) {
                    throw new RlpException("non-canonical RLP: length with a leading zero at offset " + pos);
                }
                if (lengthBytes > 4) {
                    throw new RlpException("RLP length of " + lengthBytes + " bytes is too large at offset " + pos);
                }
                long length = 0;
                for (int i = pos + 1; i < headerEnd; i++) {
                    length = (length << 8) | (in[i] & 0xff);
                }
                if (length <= SHORT_LIMIT) {
                    throw new RlpException("non-canonical RLP: long form for a " + length + "-byte payload at offset " + pos);
                }
                if (length > Integer.MAX_VALUE) {
                    throw new RlpException("RLP length " + length + " is too large at offset " + pos);
                }
                payloadLength = (int) length;
            }
            if ((long) headerEnd + payloadLength > end) {
                throw new RlpException("RLP item at offset " + pos + " runs past the end of its container");
            }
            int payloadEnd = headerEnd + payloadLength;
            if (!list) {
                if (payloadLength == 1 && (in[headerEnd] & 0xff) < 0x80) {
                    throw new RlpException("non-canonical RLP: single byte below 0x80 encoded as a string at offset " + pos);
                }
                byte[] value = new byte[payloadLength];
                System.arraycopy(in, headerEnd, value, 0, payloadLength);
                pos = payloadEnd;
                return new RlpString(value);
            }
            List<RlpItem> items = new ArrayList<>();
            int cursor = headerEnd;
            while (cursor < payloadEnd) {
                items.add(item(cursor, payloadEnd, depth + 1));
                cursor = pos;
            }
            pos = payloadEnd;
            return new RlpList(items);
        }
    }
}
