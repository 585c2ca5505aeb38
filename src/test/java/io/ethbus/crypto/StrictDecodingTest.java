package io.ethbus.crypto;

import io.ethbus.eth.Authorization;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder refuses what every node refuses, naming the field. The cases follow the categories
 * of the public Ethereum TransactionTests (ttNonce, ttGasLimit, ttValue, ttSignature, ttVValue,
 * leading zeros, trailing bytes): each starts from a transaction signed here and changes one field
 * of its RLP.
 */
class StrictDecodingTest {
    static final Account KEY = Account.fromPrivateKey("0x" + "46".repeat(32));
    static final Address TO = Address.of("0x" + "35".repeat(20));
    static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    static final BigInteger HALF_N = Secp256k1.N.shiftRight(1);

    static LegacyTransaction legacy() {
        return new LegacyTransaction(BigInteger.valueOf(9), BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(21000),
                TO, BigInteger.TEN.pow(18), Bytes.EMPTY, BigInteger.ONE);
    }

    static DynamicFeeTransaction dynamicFee() {
        return new DynamicFeeTransaction(BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.TEN,
                BigInteger.valueOf(21000), TO, BigInteger.ONE, Bytes.EMPTY, List.of());
    }

    static AccessListTransaction accessList() {
        return new AccessListTransaction(BigInteger.ONE, BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(21000), TO,
                BigInteger.ONE, Bytes.EMPTY, List.of());
    }

    static SetCodeTransaction setCode() {
        Authorization auth = new UnsignedAuthorization(BigInteger.ONE, TO, BigInteger.TWO).sign(KEY);
        return new SetCodeTransaction(BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.TEN,
                BigInteger.valueOf(60000), TO, BigInteger.ZERO, Bytes.EMPTY, List.of(), List.of(auth));
    }

    /** A type-3 transaction in its canonical form (no sidecar): its versioned hash need not be a real commitment's. */
    static BlobTransaction blob() {
        return new BlobTransaction(BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.TEN,
                BigInteger.valueOf(21000), TO, BigInteger.ZERO, Bytes.EMPTY, List.of(), BigInteger.TWO,
                List.of(Hash.of("0x01" + "ab".repeat(31))), null);
    }

    /** The signed raw bytes with field {@code index} of the RLP list replaced. */
    static byte[] withField(UnsignedTransaction tx, int index, RlpItem replacement) {
        byte[] raw = tx.sign(KEY).raw().value();
        boolean typed = tx.type() != 0;
        List<RlpItem> fields = new ArrayList<>(Rlp.decode(typed ? Arrays.copyOfRange(raw, 1, raw.length) : raw).asList().items());
        fields.set(index, replacement);
        byte[] body = Rlp.encode(new RlpList(fields));
        if (!typed) {
            return body;
        }
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) tx.type();
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    static RlpString num(BigInteger v) {
        return RlpString.of(v);
    }

    static RlpString leadingZero(long v) {
        byte[] minimal = RlpString.of(v).bytes();
        byte[] padded = new byte[minimal.length + 1];
        System.arraycopy(minimal, 0, padded, 1, minimal.length);
        return RlpString.of(padded);
    }

    static void assertRefused(byte[] raw, String field) {
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class, () -> TransactionDecoder.decode(raw));
        assertTrue(e.getMessage().contains(field), () -> "message should name " + field + ": " + e.getMessage());
    }

    @Test
    void ttNonce() {
        assertRefused(withField(legacy(), 0, num(TWO_64)), "'nonce'");
        assertRefused(withField(dynamicFee(), 1, num(TWO_64)), "'nonce'");
        assertRefused(withField(setCode(), 1, num(TWO_64)), "'nonce'");
        assertRefused(withField(blob(), 1, num(TWO_64)), "'nonce'");
        assertRefused(withField(legacy(), 0, leadingZero(9)), "'nonce'");
        // The largest 64-bit nonce is in range, and signs and decodes back.
        LegacyTransaction highest = new LegacyTransaction(TWO_64.subtract(BigInteger.ONE), BigInteger.ONE,
                BigInteger.valueOf(21000), TO, BigInteger.ZERO, null, BigInteger.ONE);
        assertEquals(highest.sign(KEY), TransactionDecoder.decode(highest.sign(KEY).raw()));
        assertThrows(InvalidTransactionException.class, () -> new LegacyTransaction(TWO_64, BigInteger.ONE,
                BigInteger.valueOf(21000), TO, BigInteger.ZERO, null, BigInteger.ONE));
    }

    @Test
    void ttGasLimit() {
        assertRefused(withField(legacy(), 2, num(TWO_64)), "'gas'");
        assertRefused(withField(accessList(), 3, num(TWO_64)), "'gas'");
        assertRefused(withField(dynamicFee(), 4, num(TWO_64)), "'gas'");
        assertRefused(withField(setCode(), 4, num(TWO_64)), "'gas'");
        assertRefused(withField(blob(), 4, num(TWO_64)), "'gas'");
        assertRefused(withField(legacy(), 2, leadingZero(21000)), "'gas'");
    }

    @Test
    void ttValueAndFees() {
        assertRefused(withField(legacy(), 4, num(TWO_256)), "'value'");
        assertRefused(withField(dynamicFee(), 6, num(TWO_256)), "'value'");
        assertRefused(withField(legacy(), 4, leadingZero(1)), "'value'");
        assertRefused(withField(legacy(), 1, num(TWO_256)), "'gasPrice'");
        assertRefused(withField(accessList(), 2, num(TWO_256)), "'gasPrice'");
        assertRefused(withField(dynamicFee(), 2, num(TWO_256)), "'maxPriorityFeePerGas'");
        assertRefused(withField(dynamicFee(), 3, num(TWO_256)), "'maxFeePerGas'");
        assertRefused(withField(setCode(), 3, num(TWO_256)), "'maxFeePerGas'");
        assertRefused(withField(dynamicFee(), 0, num(TWO_256)), "'chainId'");
        assertRefused(withField(setCode(), 0, num(TWO_256)), "'chainId'");
        assertRefused(withField(blob(), 3, num(TWO_256)), "'maxFeePerGas'");
        assertRefused(withField(blob(), 9, num(TWO_256)), "'maxFeePerBlobGas'");
        assertRefused(withField(blob(), 9, leadingZero(2)), "'maxFeePerBlobGas'");
    }

    @Test
    void ttSignatureHighS() {
        // (r, n - s) with the other parity is the same signer's signature: valid ECDSA, refused since EIP-2.
        for (UnsignedTransaction tx : List.of(legacy(), accessList(), dynamicFee(), blob(), setCode())) {
            Signature low = tx.sign(KEY).signature();
            assertTrue(low.isLowS(), "signing normalises s");
            int sIndex = switch (tx.type()) {
                case 0 -> 8;
                case 1 -> 10;
                case 2 -> 11;
                case 3 -> 13;
                default -> 12;
            };
            assertRefused(withField(tx, sIndex, num(Secp256k1.N.subtract(low.s()))), "'s'");
            assertRefused(withField(tx, sIndex, num(HALF_N.add(BigInteger.ONE))), "'s'");
        }
    }

    @Test
    void ttSignatureOutOfRange() {
        assertRefused(withField(legacy(), 7, RlpString.EMPTY), "'r'");
        assertRefused(withField(legacy(), 8, RlpString.EMPTY), "'s'");
        assertRefused(withField(legacy(), 7, num(Secp256k1.N)), "'r'");
        assertRefused(withField(legacy(), 8, num(Secp256k1.N)), "'s'");
        assertRefused(withField(legacy(), 7, num(TWO_256)), "'r'");
        assertRefused(withField(dynamicFee(), 10, RlpString.EMPTY), "'r'");
        assertRefused(withField(dynamicFee(), 11, RlpString.EMPTY), "'s'");
        assertRefused(withField(legacy(), 7, RlpString.of(new byte[] {0, 1})), "'r'");
    }

    @Test
    void ttSignatureVOutOfRange() {
        for (long v : new long[] {0, 1, 26, 29, 31, 35, 36}) {
            assertRefused(withField(legacy(), 6, num(BigInteger.valueOf(v))), "'v'");
        }
        assertRefused(withField(legacy(), 6, leadingZero(37)), "'v'");
        assertRefused(withField(legacy(), 6, num(TWO_256)), "'v'");
        assertRefused(withField(dynamicFee(), 9, num(BigInteger.TWO)), "'yParity'");
        assertRefused(withField(setCode(), 10, num(BigInteger.valueOf(27))), "'yParity'");
        assertRefused(withField(blob(), 11, num(BigInteger.TWO)), "'yParity'");
        assertRefused(withField(dynamicFee(), 9, RlpString.of(new byte[] {0})), "'yParity'");
    }

    /** The set-code transaction with its one authorization tuple's field {@code index} replaced. */
    static byte[] withAuthorizationField(int index, RlpItem replacement) {
        List<RlpItem> tuple = new ArrayList<>(TransactionRlp.authorizationList(setCode().authorizationList()).get(0).asList().items());
        tuple.set(index, replacement);
        return withField(setCode(), 9, RlpList.of(new RlpList(tuple)));
    }

    @Test
    void setCodeBoundsFollowEip7702() {
        assertRefused(withAuthorizationField(0, num(TWO_256)), "'authorizationList[0].chainId'");
        assertRefused(withAuthorizationField(1, RlpString.of(new byte[19])), "'authorizationList[0].address'");
        assertRefused(withAuthorizationField(2, num(TWO_64)), "'authorizationList[0].nonce'");
        assertRefused(withAuthorizationField(2, leadingZero(2)), "'authorizationList[0].nonce'");
        assertRefused(withAuthorizationField(3, num(BigInteger.valueOf(256))), "'authorizationList[0].yParity'");
        assertRefused(withAuthorizationField(4, num(TWO_256)), "'authorizationList[0].r'");
        assertRefused(withAuthorizationField(5, num(TWO_256)), "'authorizationList[0].s'");
        assertRefused(withField(setCode(), 9, RlpList.of()), "'authorizationList'");
        assertRefused(withField(setCode(), 5, RlpString.EMPTY), "'to'");
        // A tuple with a high s is still a valid transaction (EIP-7702 skips the tuple), but names no authority.
        Authorization low = setCode().authorizationList().get(0);
        Authorization high = new Authorization(low.chainId(), low.address(), low.nonce(), 1 - low.yParity(), low.r(),
                Secp256k1.N.subtract(low.s()));
        SignedTransaction decoded = TransactionDecoder.decode(withField(setCode(), 9, TransactionRlp.authorizationList(List.of(high))));
        assertEquals(high, ((SetCodeTransaction) decoded.transaction()).authorizationList().get(0));
        assertEquals(KEY.address(), UnsignedAuthorization.recoverAuthority(low));
        InvalidSignatureException e = assertThrows(InvalidSignatureException.class, () -> UnsignedAuthorization.recoverAuthority(high));
        assertTrue(e.getMessage().contains("'s'"), e.getMessage());
    }

    @Test
    void blobBoundsFollowEip4844() {
        assertRefused(withField(blob(), 5, RlpString.EMPTY), "'to'");
        assertRefused(withField(blob(), 10, RlpList.of()), "'blobVersionedHashes'");
        assertRefused(withField(blob(), 10, RlpString.EMPTY), "'blobVersionedHashes'");
        assertRefused(withField(blob(), 10, RlpList.of(RlpString.of(new byte[31]))), "versioned hash");
        byte[] version2 = Hash.of("0x02" + "ab".repeat(31)).value();
        assertRefused(withField(blob(), 10, RlpList.of(RlpString.of(version2))), "'blobVersionedHashes[0]'");
        SignedTransaction signed = blob().sign(KEY);
        assertEquals(3, signed.raw().value()[0]);
        assertEquals(signed, TransactionDecoder.decode(signed.raw()));
        assertEquals(KEY.address(), TransactionDecoder.decode(signed.raw()).sender());
    }

    @Test
    void setCodeRoundTrips() {
        SignedTransaction signed = setCode().sign(KEY);
        assertEquals(4, signed.raw().value()[0]);
        assertEquals(signed, TransactionDecoder.decode(signed.raw()));
        assertEquals(KEY.address(), TransactionDecoder.decode(signed.raw()).sender());
    }

    @Test
    void trailingBytesAndNonCanonicalRlp() {
        byte[] raw = legacy().sign(KEY).raw().value();
        byte[] trailing = Arrays.copyOf(raw, raw.length + 1);
        assertRefused(trailing, "trailing");
        byte[] typed = dynamicFee().sign(KEY).raw().value();
        assertRefused(Arrays.copyOf(typed, typed.length + 2), "trailing");
        // A legacy transaction whose fields are a string, not a list.
        assertRefused(new byte[] {(byte) 0x81, (byte) 0x80}, "RLP");
    }
}
