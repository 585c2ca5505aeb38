package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.eth.AccessListItem;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignedTransactionTest {
    static final Account EIP155_KEY = Account.fromPrivateKey("0x" + "46".repeat(32));
    static final Address TO = Address.of("0x" + "35".repeat(20));
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    static final BigInteger ETHER = BigInteger.TEN.pow(18);

    static LegacyTransaction eip155Example() {
        return new LegacyTransaction(BigInteger.valueOf(9), GWEI.multiply(BigInteger.valueOf(20)),
                BigInteger.valueOf(21000), TO, ETHER, Bytes.EMPTY, BigInteger.ONE);
    }

    @Test
    void eip155ExampleMatchesTheSpec() {
        LegacyTransaction tx = eip155Example();
        assertEquals(Hash.of("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"), tx.signingHash());
        SignedTransaction signed = tx.sign(EIP155_KEY);
        assertEquals("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7640000"
                + "8025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb"
                + "703304b3800ccf555c9f3dc64214b297fb1966a3b6d83", signed.raw().toHex());
        assertEquals(BigInteger.valueOf(37), tx.v(signed.signature()));
        assertEquals(EIP155_KEY.address(), signed.sender());
    }

    @Test
    void eip155ExampleDecodesBack() {
        SignedTransaction decoded = TransactionDecoder.decode(Bytes.of(
                "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7640000"
                + "8025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb"
                + "703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"));
        assertEquals(eip155Example(), decoded.transaction());
        assertEquals(EIP155_KEY.address(), decoded.sender());
        assertEquals(eip155Example().sign(EIP155_KEY), decoded);
    }

    @Test
    void preEip155LegacyRoundTrips() {
        LegacyTransaction tx = new LegacyTransaction(BigInteger.ZERO, GWEI, BigInteger.valueOf(53000), null,
                BigInteger.ZERO, Bytes.of("0x6000"), null);
        SignedTransaction signed = tx.sign(EIP155_KEY);
        int v = signed.raw().value()[signed.raw().length() - 67] & 0xff; // v precedes r (0xa0 + 32) and s (0xa0 + 32)
        assertEquals(27 + signed.signature().yParity(), v);
        SignedTransaction decoded = TransactionDecoder.decode(signed.raw());
        assertEquals(signed, decoded);
        assertNull(((LegacyTransaction) decoded.transaction()).to());
    }

    @Test
    void typedTransactionsRoundTripWithAccessLists() {
        List<AccessListItem> accessList = List.of(
                new AccessListItem(TO, List.of(Hash.of("0x" + "00".repeat(31) + "01"), Hash.of("0x" + "ab".repeat(32)))),
                new AccessListItem(Address.ZERO, List.of()));
        AccessListTransaction t1 = new AccessListTransaction(BigInteger.valueOf(31337), BigInteger.valueOf(3),
                GWEI, BigInteger.valueOf(30000), TO, BigInteger.TEN, Bytes.of("0xdeadbeef"), accessList);
        DynamicFeeTransaction t2 = new DynamicFeeTransaction(BigInteger.ONE, BigInteger.valueOf(1000), GWEI,
                GWEI.multiply(BigInteger.valueOf(100)), BigInteger.valueOf(21000), TO, ETHER, null, accessList);
        for (UnsignedTransaction tx : List.of(t1, t2)) {
            SignedTransaction signed = tx.sign(EIP155_KEY);
            byte[] raw = signed.raw().value();
            assertEquals(tx.type(), raw[0]);
            SignedTransaction decoded = TransactionDecoder.decode(raw);
            assertEquals(signed, decoded);
            assertEquals(EIP155_KEY.address(), decoded.sender());
            assertEquals(signed.hash(), new Hash(Keccak.keccak256(raw)));
        }
    }

    @Test
    void signingHashCoversEveryField() {
        DynamicFeeTransaction base = new DynamicFeeTransaction(BigInteger.ONE, BigInteger.ZERO, BigInteger.ONE,
                BigInteger.TWO, BigInteger.valueOf(21000), TO, BigInteger.ONE, Bytes.EMPTY, List.of());
        DynamicFeeTransaction otherChain = new DynamicFeeTransaction(BigInteger.TWO, BigInteger.ZERO, BigInteger.ONE,
                BigInteger.TWO, BigInteger.valueOf(21000), TO, BigInteger.ONE, Bytes.EMPTY, List.of());
        DynamicFeeTransaction otherTo = new DynamicFeeTransaction(BigInteger.ONE, BigInteger.ZERO, BigInteger.ONE,
                BigInteger.TWO, BigInteger.valueOf(21000), null, BigInteger.ONE, Bytes.EMPTY, List.of());
        assertEquals(3, java.util.Set.of(base.signingHash(), otherChain.signingHash(), otherTo.signingHash()).size());
    }

    @Test
    void malformedRawTransactionsAreTyped() {
        assertThrows(InvalidTransactionException.class, () -> TransactionDecoder.decode(new byte[0]));
        assertThrows(InvalidTransactionException.class, () -> TransactionDecoder.decode(Hex.decode("0x03c0")));
        assertThrows(InvalidTransactionException.class, () -> TransactionDecoder.decode(Hex.decode("0x02c0")));
        assertThrows(InvalidTransactionException.class, () -> TransactionDecoder.decode(Hex.decode("0xc0")));
        // Bad RLP is the transaction's fault, typed as such, with the RLP error as its cause.
        InvalidTransactionException badRlp = assertThrows(InvalidTransactionException.class,
                () -> TransactionDecoder.decode(Hex.decode("0x02c1")));
        assertInstanceOf(RlpException.class, badRlp.getCause());
        // v = 30 is neither pre-EIP-155 nor EIP-155
        byte[] raw = eip155Example().sign(EIP155_KEY).raw().value();
        raw[raw.length - 67] = 30;
        assertThrows(InvalidTransactionException.class, () -> TransactionDecoder.decode(raw));
        assertThrows(InvalidTransactionException.class, () -> new DynamicFeeTransaction(BigInteger.ONE, BigInteger.ZERO,
                BigInteger.TEN, BigInteger.ONE, BigInteger.ONE, TO, BigInteger.ZERO, null, null));
        assertThrows(InvalidTransactionException.class, () -> new LegacyTransaction(null, BigInteger.ONE,
                BigInteger.ONE, TO, BigInteger.ZERO, null, null));
    }
}
