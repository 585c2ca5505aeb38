package io.ethbus.abi;

import com.esaulpaugh.headlong.abi.ABIObject;
import com.esaulpaugh.headlong.abi.Function;
import com.esaulpaugh.headlong.abi.TupleType;
import com.esaulpaugh.headlong.abi.TypeEnum;
import io.ethbus.eth.Log;
import io.ethbus.eth.Receipt;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A contract's ABI: its functions, events, errors and constructor, and the creation code when
 * it came from a compiler artifact. Immutable and thread-safe; build it once and share it.
 *
 * <pre>
 * Abi erc20 = Abi.parse(
 *     "function balanceOf(address owner) view returns (uint256)",
 *     "function transfer(address to, uint256 amount) returns (bool)",
 *     "event Transfer(address indexed from, address indexed to, uint256 value)");
 * Bytes input = erc20.function("transfer").encodeCall(to, amount);
 * Optional&lt;DecodedEvent&gt; transfer = erc20.decodeLog(log);
 * </pre>
 */
public final class Abi {
    private final List<AbiFunction> functions;
    private final List<AbiEvent> events;
    private final List<AbiError> errors;
    private final AbiConstructor constructor;
    private final Bytes bytecode;
    private final Map<Hash, AbiEvent> eventsByTopic0;

    private Abi(List<AbiFunction> functions, List<AbiEvent> events, List<AbiError> errors,
                AbiConstructor constructor, Bytes bytecode) {
        this.functions = List.copyOf(functions);
        this.events = List.copyOf(events);
        this.errors = List.copyOf(errors);
        this.constructor = constructor;
        this.bytecode = bytecode;
        Map<Hash, AbiEvent> byTopic = new LinkedHashMap<>();
        for (AbiEvent e : events) {
            if (!e.anonymous()) {
                byTopic.putIfAbsent(e.topic0(), e);
            }
        }
        this.eventsByTopic0 = Map.copyOf(byTopic);
    }

    /**
     * Reads a JSON ABI array, or a solc/Foundry/Hardhat artifact object with an {@code abi}
     * array and a {@code bytecode} (a hex string or {@code {"object": hex}}) that
     * {@link #bytecode()} keeps. Throws {@link AbiException} when it is malformed.
     */
    public static Abi fromJson(String json) {
        return AbiJson.read(json);
    }

    /**
     * Reads human-readable signatures as viem's {@code parseAbi} takes them, e.g.
     * {@code function balanceOf(address owner) view returns (uint256)},
     * {@code event Transfer(address indexed from, address indexed to, uint256 value)},
     * {@code error Unauthorized(address caller)}, {@code constructor(string name)} and
     * {@code struct Point { uint256 x; uint256 y; }} declarations that the others use by name.
     * Throws {@link AbiException} naming the signature that does not parse.
     */
    public static Abi parse(String... signatures) {
        return Abi.of(AbiJson.entries(HumanReadableAbi.toJson(List.of(signatures))), null);
    }

    static Abi of(List<ABIObject> entries, Bytes bytecode) {
        List<AbiFunction> functions = new ArrayList<>();
        List<AbiEvent> events = new ArrayList<>();
        List<AbiError> errors = new ArrayList<>();
        AbiConstructor constructor = null;
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (ABIObject entry : entries) {
            // The same entry may come twice (inherited interfaces in some artifacts): keep the first.
            if (seen.put(entry.getType() + " " + entry.getCanonicalSignature(), Boolean.TRUE) != null) {
                continue;
            }
            if (entry.isEvent()) {
                events.add(new AbiEvent(entry.asEvent()));
            } else if (entry.isContractError()) {
                errors.add(new AbiError(entry.asContractError()));
            } else if (entry.getType() == TypeEnum.CONSTRUCTOR) {
                Function f = entry.asFunction();
                constructor = new AbiConstructor(ParamCodec.of("constructor" + f.getInputs().getCanonicalType(), f.getInputs(), null),
                        "payable".equals(f.getStateMutability()));
            } else if (entry.getType() == TypeEnum.FUNCTION) {
                functions.add(new AbiFunction(entry.asFunction()));
            }
        }
        if (constructor == null) {
            constructor = new AbiConstructor(ParamCodec.of("constructor()", TupleType.EMPTY, null), false);
        }
        return new Abi(functions, events, errors, constructor, bytecode);
    }

    /** Every function, in ABI order. */
    public List<AbiFunction> functions() {
        return functions;
    }

    /** Every event, in ABI order. */
    public List<AbiEvent> events() {
        return events;
    }

    /** Every custom error, in ABI order. */
    public List<AbiError> errors() {
        return errors;
    }

    /** The constructor; the default one without parameters when the ABI declares none. */
    public AbiConstructor constructor() {
        return constructor;
    }

    /** The creation code of the artifact this ABI was read from, when it had one. */
    public Optional<Bytes> bytecode() {
        return Optional.ofNullable(bytecode);
    }

    /**
     * The function called {@code nameOrSignature}: a name ({@code transfer}) when it is not
     * overloaded, else a canonical signature ({@code transfer(address,uint256)}).
     * Throws {@link AbiException} when there is none, or several by that name.
     */
    public AbiFunction function(String nameOrSignature) {
        return pick("function", functions, nameOrSignature, AbiFunction::name, AbiFunction::signature);
    }

    /** The event called {@code nameOrSignature}, as {@link #function(String)} finds functions. */
    public AbiEvent event(String nameOrSignature) {
        return pick("event", events, nameOrSignature, AbiEvent::name, AbiEvent::signature);
    }

    /** The error called {@code nameOrSignature}, as {@link #function(String)} finds functions. */
    public AbiError error(String nameOrSignature) {
        return pick("error", errors, nameOrSignature, AbiError::name, AbiError::signature);
    }

    /**
     * The log decoded by the event its topic0 names, empty when no event of this ABI has that
     * topic0 (or the log has no topics). Anonymous events have no topic0: decode them with
     * {@link AbiEvent#decode(Log)}. Throws {@link AbiDecodingException} when the topic0 is known
     * but the log does not decode.
     */
    public Optional<DecodedEvent> decodeLog(Log log) {
        if (log.topics().isEmpty()) {
            return Optional.empty();
        }
        AbiEvent event = eventsByTopic0.get(log.topics().get(0));
        return event == null ? Optional.empty() : Optional.of(event.decode(log));
    }

    /**
     * The event of this ABI that the log is shaped as (its topic0 and its number of topics),
     * empty otherwise: an ERC-721 {@code Transfer} under an ERC-20 ABI has the same topic0 and one
     * more topic, so it is another contract's event, not a malformed one of ours.
     */
    public Optional<AbiEvent> eventOf(Log log) {
        if (log.topics().isEmpty()) {
            return Optional.empty();
        }
        AbiEvent event = eventsByTopic0.get(log.topics().get(0));
        return event != null && event.matches(log) ? Optional.of(event) : Optional.empty();
    }

    /**
     * The logs this ABI knows, decoded, in their order. A log whose topic0 is known but whose
     * shape is not (an ERC-721 {@code Transfer} under an ERC-20 ABI: same topic0, one more topic)
     * is another contract's event and is left out, as are logs of unknown events.
     */
    public List<DecodedEvent> decodeLogs(List<Log> logs) {
        List<DecodedEvent> out = new ArrayList<>();
        for (Log log : logs) {
            Optional<AbiEvent> event = eventOf(log);
            if (event.isPresent()) {
                try {
                    out.add(event.get().decode(log));
                } catch (AbiDecodingException e) {
                    // same topic0 and topic count, data of another layout: not this ABI's event
                }
            }
        }
        return out;
    }

    /** The known events of a receipt's logs, in log order (see {@link #decodeLogs(List)}). */
    public List<DecodedEvent> decodeReceipt(Receipt receipt) {
        return decodeLogs(receipt.logs());
    }

    private static <T> T pick(String kind, List<T> all, String key,
                              java.util.function.Function<T, String> name, java.util.function.Function<T, String> signature) {
        boolean bySignature = key.indexOf('(') >= 0;
        String wanted = bySignature ? key.replace(" ", "") : key; // "transfer(address, uint256)" too
        List<T> found = all.stream().filter(t -> (bySignature ? signature : name).apply(t).equals(wanted)).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new AbiException("no " + kind + " '" + key + "' in the ABI; it has "
                    + all.stream().map(signature).collect(Collectors.joining(", ", "[", "]")));
        }
        throw new AbiException(kind + " '" + key + "' is overloaded: "
                + found.stream().map(signature).collect(Collectors.joining(", "))
                + "; name one by its signature, e.g. " + kind + "(\"" + signature.apply(found.get(0)) + "\")");
    }

    @Override
    public String toString() {
        return "Abi(" + functions.size() + " functions, " + events.size() + " events, " + errors.size() + " errors)";
    }
}
