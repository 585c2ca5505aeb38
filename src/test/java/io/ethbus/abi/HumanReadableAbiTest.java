package io.ethbus.abi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Human-readable signatures read as the JSON ABI a compiler writes for the same declarations. */
class HumanReadableAbiTest {
    private static final Abi HUMAN = Abi.parse(
            "struct Item { address a; uint256 b; }",
            "struct Order { Item[] items; bytes32 id; }",
            "constructor(string name, uint8 d) payable",
            "function balanceOf(address owner) view returns (uint256)",
            "function transfer(address to, uint amount) returns (bool)",
            "function deposit() payable",
            "function hash(bytes data) pure returns (bytes32)",
            "function put((address a, uint256 b)[] items, tuple(int8 x, bool y) pair, uint256[3][] grid, int16 small)",
            "function place(Order order) returns (Order[2] placed)",
            "event Transfer(address indexed from, address indexed to, uint256 value)",
            "event X(uint a) anonymous",
            "error InsufficientBalance(uint256 available, uint256 required)",
            "receive() external payable",
            "fallback() external");

    private static final Abi JSON = Abi.fromJson("""
            [
             {"type":"constructor","stateMutability":"payable","inputs":[{"name":"name","type":"string"},{"name":"d","type":"uint8"}]},
             {"type":"function","name":"balanceOf","stateMutability":"view","inputs":[{"name":"owner","type":"address"}],
              "outputs":[{"name":"","type":"uint256"}]},
             {"type":"function","name":"transfer","stateMutability":"nonpayable",
              "inputs":[{"name":"to","type":"address"},{"name":"amount","type":"uint256"}],"outputs":[{"name":"","type":"bool"}]},
             {"type":"function","name":"deposit","stateMutability":"payable","inputs":[],"outputs":[]},
             {"type":"function","name":"hash","stateMutability":"pure","inputs":[{"name":"data","type":"bytes"}],
              "outputs":[{"name":"","type":"bytes32"}]},
             {"type":"function","name":"put","stateMutability":"nonpayable","outputs":[],"inputs":[
               {"name":"items","type":"tuple[]","components":[{"name":"a","type":"address"},{"name":"b","type":"uint256"}]},
               {"name":"pair","type":"tuple","components":[{"name":"x","type":"int8"},{"name":"y","type":"bool"}]},
               {"name":"grid","type":"uint256[3][]"},{"name":"small","type":"int16"}]},
             {"type":"function","name":"place","stateMutability":"nonpayable",
              "inputs":[{"name":"order","type":"tuple","components":[
                 {"name":"items","type":"tuple[]","components":[{"name":"a","type":"address"},{"name":"b","type":"uint256"}]},
                 {"name":"id","type":"bytes32"}]}],
              "outputs":[{"name":"placed","type":"tuple[2]","components":[
                 {"name":"items","type":"tuple[]","components":[{"name":"a","type":"address"},{"name":"b","type":"uint256"}]},
                 {"name":"id","type":"bytes32"}]}]},
             {"type":"event","name":"Transfer","anonymous":false,"inputs":[{"name":"from","type":"address","indexed":true},
               {"name":"to","type":"address","indexed":true},{"name":"value","type":"uint256","indexed":false}]},
             {"type":"event","name":"X","anonymous":true,"inputs":[{"name":"a","type":"uint256","indexed":false}]},
             {"type":"error","name":"InsufficientBalance","inputs":[{"name":"available","type":"uint256"},{"name":"required","type":"uint256"}]},
             {"type":"receive","stateMutability":"payable"}
            ]""");

    /** Everything a caller can see of an ABI, as comparable values. */
    private static List<Object> shape(Abi abi) {
        return Stream.of(
                abi.functions().stream().map(f -> List.of(f.signature(), f.selector(), f.stateMutability(), f.inputs(), f.outputs())),
                abi.events().stream().map(e -> List.of(e.signature(), e.topic0(), e.anonymous(), e.inputs())),
                abi.errors().stream().map(e -> List.of(e.signature(), e.selector(), e.inputs())),
                Stream.of(List.of(abi.constructor().inputs(), abi.constructor().payable()))
        ).flatMap(s -> s).map(o -> (Object) o).toList();
    }

    @Test
    void everyFormEqualsTheJsonAbi() {
        assertEquals(shape(JSON), shape(HUMAN));
    }

    @Test
    void signaturesAndNamesAreKept() {
        AbiFunction put = HUMAN.function("put");
        assertEquals("put((address,uint256)[],(int8,bool),uint256[3][],int16)", put.signature());
        assertEquals(List.of("a", "b"), put.inputs().get(0).components().stream().map(AbiParam::name).toList());
        AbiFunction place = HUMAN.function("place");
        assertEquals("place(((address,uint256)[],bytes32))", place.signature());
        assertEquals("placed", place.outputs().get(0).name());
        assertEquals("items", place.outputs().get(0).components().get(0).name());
        assertEquals("transfer(address,uint256)", HUMAN.function("transfer").signature());
        assertTrue(HUMAN.function("balanceOf").isReadOnly());
        assertFalse(HUMAN.function("deposit").isReadOnly());
        assertEquals("payable", HUMAN.function("deposit").stateMutability());
        assertTrue(HUMAN.event("X").anonymous());
        assertTrue(HUMAN.event("Transfer").inputs().get(0).indexed());
        assertFalse(HUMAN.event("Transfer").inputs().get(2).indexed());
        assertTrue(HUMAN.constructor().payable());
    }

    @Test
    void everyIntegerAndBytesWidthParses() {
        StringBuilder params = new StringBuilder();
        for (int bits = 8; bits <= 256; bits += 8) {
            params.append("uint").append(bits).append(" u").append(bits).append(", int").append(bits).append(" i").append(bits).append(", ");
        }
        for (int n = 1; n <= 32; n++) {
            params.append("bytes").append(n).append(" b").append(n).append(", ");
        }
        params.append("bool flag, string text, bytes blob, address who");
        AbiFunction all = Abi.parse("function all(" + params + ")").function("all");
        assertEquals(32 * 2 + 32 + 4, all.inputs().size());
        assertEquals("uint8", all.inputs().get(0).type());
        assertEquals("int256", all.inputs().get(63).type());
        assertEquals("bytes32", all.inputs().get(95).type());
    }

    @Test
    void overloadsAreFoundBySignature() {
        Abi abi = Abi.parse("function transfer(address to, uint256 amount)", "function transfer(address to, uint256 amount, bytes data)");
        assertEquals("transfer(address,uint256,bytes)", abi.function("transfer(address,uint256,bytes)").signature());
        assertEquals("transfer(address,uint256)", abi.function("transfer(address, uint256)").signature());
        AbiException e = org.junit.jupiter.api.Assertions.assertThrows(AbiException.class, () -> abi.function("transfer"));
        assertTrue(e.getMessage().contains("overloaded"), e.getMessage());
        assertTrue(e.getMessage().contains("transfer(address,uint256)"), e.getMessage());
    }
}
