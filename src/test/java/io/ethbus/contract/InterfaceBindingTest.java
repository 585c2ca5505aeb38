package io.ethbus.contract;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiException;
import io.ethbus.abi.AbiValues;
import io.ethbus.eth.Receipt;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hash;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How interface methods are matched to ABI functions: overloads by count and types, results, ambiguity. */
class InterfaceBindingTest {
    static final Abi ABI = Abi.parse(
            "function get(uint256 id) view returns (uint256)",
            "function get(address owner) view returns (uint256)",
            "function get(uint256 id, address owner) view returns (uint256)",
            "function pair() view returns (uint32 small, uint256 large)",
            "function list() view returns (int32[] values)",
            "function put(bytes32 key, bytes value)");

    record Pair(long small, BigInteger large) {
    }

    interface Overloads {
        Future<BigInteger> get(BigInteger id);

        Future<BigInteger> get(Address owner);

        Future<BigInteger> get(long id, Address owner);

        Future<Pair> pair();

        Future<AbiValues> list();

        Future<Receipt> put(byte[] key, String value);
    }

    interface Ambiguous {
        Future<BigInteger> get(Object idOrOwner);
    }

    interface WrongRecord {
        Future<Pair> list();
    }

    interface NarrowList {
        Future<List<Long>> list();
    }

    interface TooNarrowElements {
        Future<List<Short>> list();
    }

    @Test
    void overloadsAreToldApartByCountAndTypes() throws NoSuchMethodException {
        InterfaceBinding binding = InterfaceBinding.check(Overloads.class, ABI);
        assertEquals("get(uint256)", binding.bound(Overloads.class.getMethod("get", BigInteger.class)).function().signature());
        assertEquals("get(address)", binding.bound(Overloads.class.getMethod("get", Address.class)).function().signature());
        assertEquals("get(uint256,address)",
                binding.bound(Overloads.class.getMethod("get", long.class, Address.class)).function().signature());
        assertEquals(InterfaceBinding.Kind.CALL, binding.bound(Overloads.class.getMethod("pair")).kind());
        assertEquals(InterfaceBinding.Kind.SEND_AND_WAIT, binding.bound(Overloads.class.getMethod("put", byte[].class, String.class)).kind());
        InterfaceBinding.check(NarrowList.class, ABI); // int32 fits long

        // a uint64 does not fit a long: it must be read as BigInteger
        interface Uint64AsLong {
            Future<Pair> pair();
        }
        Abi wide = Abi.parse("function pair() view returns (uint64 small, uint256 large)");
        AbiException uint64 = assertThrows(AbiException.class, () -> InterfaceBinding.check(Uint64AsLong.class, wide));
        assertTrue(uint64.getMessage().contains("component small: a uint64 reads into BigInteger"), uint64.getMessage());
    }

    @Test
    void ambiguousAndMismatchedMethodsAreRefusedNamingThem() {
        AbiException ambiguous = assertThrows(AbiException.class, () -> InterfaceBinding.check(Ambiguous.class, ABI));
        assertTrue(ambiguous.getMessage().contains("Ambiguous.get(Object): matches several functions"), ambiguous.getMessage());
        AbiException record = assertThrows(AbiException.class, () -> InterfaceBinding.check(WrongRecord.class, ABI));
        assertTrue(record.getMessage().contains("WrongRecord.list()") && record.getMessage().contains("int32[]"), record.getMessage());
        AbiException elements = assertThrows(AbiException.class, () -> InterfaceBinding.check(TooNarrowElements.class, ABI));
        assertTrue(elements.getMessage().contains("TooNarrowElements.list()") && elements.getMessage().contains("int32"), elements.getMessage());
    }

    @Test
    void sendMethodsReturnAHashOrAReceipt() {
        interface Put {
            Future<Hash> put(Hash key, byte[] value);
        }
        AbiException hashKey = assertThrows(AbiException.class, () -> InterfaceBinding.check(Put.class, ABI));
        assertTrue(hashKey.getMessage().contains("Put.put(Hash, byte[])") && hashKey.getMessage().contains("bytes32"), hashKey.getMessage());
    }
}
