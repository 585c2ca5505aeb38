package io.ethbus.abi;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Bytes5;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Int64;
import org.web3j.abi.datatypes.generated.StaticArray3;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Encodings of seeded random values equal web3j's, and decode back to the values. */
class Web3jCrossCheckTest {
    static final long SEED = 0x3eb_3ca11L;
    static final int CASES = 500;

    /** One ABI type: its name, a random Java value for ethbus and the same value for web3j. */
    record Case(String type, Object ours, Type<?> theirs) {
    }

    static Case random(SplittableRandom r) {
        switch (r.nextInt(12)) {
            case 0: {
                BigInteger v = BigInteger.valueOf(r.nextInt(256));
                return new Case("uint8", v, new Uint8(v));
            }
            case 1: {
                BigInteger v = new BigInteger(r.nextInt(1, 257), new java.util.Random(r.nextLong()));
                return new Case("uint256", v, new Uint256(v));
            }
            case 2: {
                long v = r.nextLong();
                return new Case("int64", v, new Int64(BigInteger.valueOf(v)));
            }
            case 3: {
                BigInteger v = new BigInteger(r.nextInt(1, 256), new java.util.Random(r.nextLong()));
                v = r.nextBoolean() ? v.negate() : v;
                return new Case("int256", v, new Int256(v));
            }
            case 4: {
                Address a = address(r);
                return new Case("address", a, new org.web3j.abi.datatypes.Address(a.toHex()));
            }
            case 5: {
                boolean b = r.nextBoolean();
                return new Case("bool", b, new Bool(b));
            }
            case 6: {
                byte[] b = bytes(r, 32);
                return new Case("bytes32", new Bytes(b), new Bytes32(b));
            }
            case 7: {
                byte[] b = bytes(r, 5);
                return new Case("bytes5", new Bytes(b), new Bytes5(b));
            }
            case 8: {
                byte[] b = bytes(r, r.nextInt(70));
                return new Case("bytes", new Bytes(b), new DynamicBytes(b));
            }
            case 9: {
                String s = "x".repeat(r.nextInt(40)) + "é€" + r.nextInt();
                return new Case("string", s, new Utf8String(s));
            }
            case 10: {
                List<Object> ours = new ArrayList<>();
                List<Uint256> theirs = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    BigInteger v = BigInteger.valueOf(r.nextLong() >>> 1);
                    ours.add(v);
                    theirs.add(new Uint256(v));
                }
                return new Case("uint256[]", ours, new DynamicArray<>(Uint256.class, theirs));
            }
            default: {
                List<Object> ours = new ArrayList<>();
                List<org.web3j.abi.datatypes.Address> theirs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Address a = address(r);
                    ours.add(a);
                    theirs.add(new org.web3j.abi.datatypes.Address(a.toHex()));
                }
                return new Case("address[3]", ours, new StaticArray3<>(org.web3j.abi.datatypes.Address.class, theirs));
            }
        }
    }

    private static Address address(SplittableRandom r) {
        return new Address(bytes(r, 20));
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void callEncodingsEqualWeb3js() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int run = 0; run < CASES; run++) {
            List<Case> cases = new ArrayList<>();
            for (int i = r.nextInt(1, 5); i > 0; i--) {
                cases.add(random(r));
            }
            String types = String.join(",", cases.stream().map(Case::type).toList());
            AbiFunction f = Abi.parse("function f(" + types + ")").function("f");
            Object[] ours = cases.stream().map(Case::ours).toArray();
            List<Type> theirs = new ArrayList<>(cases.stream().map(c -> (Type) c.theirs()).toList());
            Bytes encoded = f.encodeCall(ours);
            String expected = FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("f", theirs, List.of()));
            assertEquals(expected, encoded.toHex(), "case " + run + ": f(" + types + ")");
            List<Object> back = f.decodeCall(encoded).asList();
            for (int i = 0; i < ours.length; i++) {
                Object want = ours[i] instanceof Boolean || ours[i] instanceof BigInteger || ours[i] instanceof Bytes
                        || ours[i] instanceof String || ours[i] instanceof Address || ours[i] instanceof List ? ours[i]
                        : BigInteger.valueOf((Long) ours[i]);
                assertEquals(want, back.get(i), "case " + run + ": argument " + i + " of f(" + types + ")");
            }
        }
    }

    @Test
    void structEncodingsEqualWeb3js() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int run = 0; run < CASES; run++) {
            Address a = address(r);
            BigInteger n = BigInteger.valueOf(r.nextLong() >>> 1);
            String s = "s" + r.nextInt();
            AbiFunction f = Abi.parse("function f((uint256 n, address a) fixed, (uint256 n, string s) dynamic)").function("f");
            Bytes encoded = f.encodeCall(List.of(n, a), new Object[]{n, s});
            String theirs = FunctionEncoder.encodeConstructor(List.of(
                    new StaticStruct(new Uint256(n), new org.web3j.abi.datatypes.Address(a.toHex())),
                    new DynamicStruct(new Uint256(n), new Utf8String(s))));
            assertEquals(theirs, encoded.toHex().substring(10), "case " + run);
        }
    }
}
