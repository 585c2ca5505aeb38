package io.ethbus.bench;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiEvent;
import io.ethbus.abi.AbiFunction;
import io.ethbus.eth.Log;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.tx.Contract;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Not a test: ABI throughput of ethbus (over headlong) and of web3j 4.13 in the same JVM on the
 * same inputs, each library given its own types as its users hold them: (1) an ERC-20
 * {@code transfer} call, (2) a call with an array of tuples, a nested array and a string,
 * (3) a {@code Transfer} log, (4) a struct return. The outputs are checked equal before timing;
 * rounds alternate between the libraries. Prints ops per second of the measuring thread's CPU
 * time (wall time on a shared machine counts other processes' turns), the ratio and bytes
 * allocated per op.
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.AbiBench -Dexec.args=2000
 * </pre>
 * The optional argument is the CPU milliseconds per measuring round (3 rounds after 1 of warm-up).
 */
public final class AbiBench {
    private static final Abi ABI = Abi.parse(
            "struct Call { address to; uint256 amount; bytes data; }",
            "struct Position { address owner; uint256 amount; bool active; bytes32 id; uint64 opened; }",
            "function transfer(address to, uint256 amount) returns (bool)",
            "function submit(Call[] calls, uint256[][] grid, string note)",
            "function position() view returns (Position p)",
            "event Transfer(address indexed from, address indexed to, uint256 value)");
    private static final String TO_HEX = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String FROM_HEX = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final BigInteger AMOUNT = new BigInteger("1234567890123456789012");

    private AbiBench() {
    }

    /** web3j decodes a struct into a class whose constructor takes the members. */
    public static final class Web3jPosition extends StaticStruct {
        public Web3jPosition(org.web3j.abi.datatypes.Address owner, Uint256 amount, Bool active, Bytes32 id, Uint64 opened) {
            super(owner, amount, active, id, opened);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        Address to = Address.of(TO_HEX);
        Address from = Address.of(FROM_HEX);
        org.web3j.abi.datatypes.Address w3To = new org.web3j.abi.datatypes.Address(TO_HEX);
        org.web3j.abi.datatypes.Address w3From = new org.web3j.abi.datatypes.Address(FROM_HEX);

        // (1) transfer
        AbiFunction transfer = ABI.function("transfer");
        Supplier<Object> ethbusTransfer = () -> transfer.encodeCall(to, AMOUNT);
        Supplier<Object> web3jTransfer = () -> FunctionEncoder.encode(
                new Function("transfer", List.of(w3To, new Uint256(AMOUNT)), List.of()));
        same("transfer", ((Bytes) ethbusTransfer.get()).toHex(), (String) web3jTransfer.get());

        // (2) nested: (address,uint256,bytes)[], uint256[][], string
        AbiFunction submit = ABI.function("submit");
        byte[] payload = new byte[68];
        List<List<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(List.of(to, AMOUNT.add(BigInteger.valueOf(i)), new Bytes(payload)));
        }
        List<List<BigInteger>> grid = List.of(List.of(BigInteger.ONE, BigInteger.TWO), List.of(BigInteger.TEN));
        String note = "batch of three";
        Supplier<Object> ethbusNested = () -> submit.encodeCall(calls, grid, note);
        Supplier<Object> web3jNested = () -> {
            List<DynamicStruct> w3Calls = new ArrayList<>(calls.size());
            for (List<Object> c : calls) {
                w3Calls.add(new DynamicStruct(w3To, new Uint256((BigInteger) c.get(1)), new DynamicBytes(payload)));
            }
            List<DynamicArray<Uint256>> w3Grid = new ArrayList<>(grid.size());
            for (List<BigInteger> row : grid) {
                List<Uint256> cells = new ArrayList<>(row.size());
                for (BigInteger v : row) {
                    cells.add(new Uint256(v));
                }
                w3Grid.add(new DynamicArray<>(Uint256.class, cells));
            }
            return FunctionEncoder.encodeConstructor(List.<Type>of(new DynamicArray<>(DynamicStruct.class, w3Calls),
                    new DynamicArray(DynamicArray.class, w3Grid), new Utf8String(note)));
        };
        // web3j's signature for a generic struct array differs; the arguments are compared, and its
        // selector (a Keccak of the signature) is left out of its timing, which only favours web3j.
        same("nested", ((Bytes) ethbusNested.get()).toHex().substring(10), (String) web3jNested.get());

        // (3) Transfer log
        AbiEvent transferEvent = ABI.event("Transfer");
        List<Hash> topics = List.of(transferEvent.topic0(), word(from), word(to));
        Bytes data = Bytes.of("0x" + String.format("%064x", AMOUNT));
        Log log = new Log(to, topics, data, 1L, Hash.of("0x" + "22".repeat(32)), Hash.of("0x" + "11".repeat(32)), 0L, 0L, false, null);
        Event w3Event = new Event("Transfer", List.of(new TypeReference<org.web3j.abi.datatypes.Address>(true) { },
                new TypeReference<org.web3j.abi.datatypes.Address>(true) { }, new TypeReference<Uint256>() { }));
        org.web3j.protocol.core.methods.response.Log w3Log = new org.web3j.protocol.core.methods.response.Log();
        w3Log.setTopics(topics.stream().map(Hash::toHex).toList());
        w3Log.setData(data.toHex());
        w3Log.setAddress(to.toHex());
        Supplier<Object> ethbusLog = () -> transferEvent.decode(log).args().getBigInteger("value");
        Supplier<Object> web3jLog = () -> Contract.staticExtractEventParameters(w3Event, w3Log).getNonIndexedValues().get(0).getValue();
        same("log", ethbusLog.get().toString(), web3jLog.get().toString());
        same("topic0", transferEvent.topic0().toHex(), EventEncoder.encode(w3Event));

        // (4) struct return
        AbiFunction position = ABI.function("position");
        Bytes returned = Bytes.of(("0x" + "000000000000000000000000" + FROM_HEX.substring(2))
                + String.format("%064x", AMOUNT) + String.format("%064x", 1) + "ab".repeat(32) + String.format("%064x", 1_700_000_000L));
        String returnedHex = returned.toHex();
        List<TypeReference<Type>> w3Outputs = List.of(castRef(new TypeReference<Web3jPosition>() { }));
        Supplier<Object> ethbusStruct = () -> position.decodeReturn(returned).getTuple(0).getBigInteger("amount");
        Supplier<Object> web3jStruct = () -> ((Web3jPosition) FunctionReturnDecoder.decode(returnedHex, w3Outputs).get(0))
                .getValue().get(1).getValue();
        same("struct", ethbusStruct.get().toString(), web3jStruct.get().toString());

        String[] names = {"encode transfer", "encode nested", "decode Transfer log", "decode struct return"};
        List<List<Supplier<Object>>> cases = List.of(List.of(ethbusTransfer, web3jTransfer), List.of(ethbusNested, web3jNested),
                List.of(ethbusLog, web3jLog), List.of(ethbusStruct, web3jStruct));
        System.out.printf("%-22s %16s %16s %7s %12s %12s%n", "case", "ethbus ops/cpu-s", "web3j ops/cpu-s", "ratio", "ethbus B/op", "web3j B/op");
        for (int c = 0; c < cases.size(); c++) {
            Result ours = null;
            Result theirs = null;
            for (int round = 0; round < 4; round++) { // the first round warms up
                Result o = measure(millis, cases.get(c).get(0));
                Result t = measure(millis, cases.get(c).get(1));
                if (round > 0) {
                    ours = ours == null || o.opsPerSecond > ours.opsPerSecond ? o : ours;
                    theirs = theirs == null || t.opsPerSecond > theirs.opsPerSecond ? t : theirs;
                }
            }
            System.out.printf("%-22s %,16.0f %,16.0f %6.1fx %,12.0f %,12.0f%n", names[c], ours.opsPerSecond, theirs.opsPerSecond,
                    ours.opsPerSecond / theirs.opsPerSecond, ours.bytesPerOp, theirs.bytesPerOp);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeReference<Type> castRef(TypeReference<?> ref) {
        return (TypeReference) ref;
    }

    private static Hash word(Address a) {
        return Hash.of("0x" + "00".repeat(12) + a.toHex().substring(2));
    }

    private static void same(String what, String ours, String theirs) {
        if (!Objects.equals(ours, theirs)) {
            throw new IllegalStateException(what + ": ethbus and web3j disagree: " + ours + " vs " + theirs);
        }
    }

    private record Result(double opsPerSecond, double bytesPerOp) {
    }

    /**
     * Ops per CPU second of this thread and allocated bytes per op, over {@code millis} of this
     * thread's CPU time: on a busy machine a wall-time round would give the code less CPU, and
     * so less JIT warm-up, in some rounds than in others.
     */
    private static Result measure(long millis, Supplier<Object> work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = threads.getCurrentThreadCpuTime();
        long deadline = start + millis * 1_000_000;
        long count = 0;
        int sink = 0;
        while (threads.getCurrentThreadCpuTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                sink += work.get().hashCode();
            }
            count += 100;
        }
        double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (sink == 42) {
            System.out.print("");
        }
        return new Result(count / seconds, (double) allocated / count);
    }
}
