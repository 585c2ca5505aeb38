package io.ethbus.contract;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiConstructor;
import io.ethbus.abi.AbiEvent;
import io.ethbus.abi.AbiException;
import io.ethbus.abi.AbiParam;
import io.ethbus.eth.LogFilter;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The log filter topics of one event, from values of its indexed parameters: topic0 is the
 * event's signature hash (none for an anonymous event), then one position per indexed
 * parameter in declaration order. A value of null (or a value left off at the end) matches
 * anything; a {@link Collection} matches any of its values. Static values are ABI-encoded
 * into their 32-byte word; a {@code string} is hashed from its UTF-8 bytes, {@code bytes} from
 * its bytes; an indexed array or tuple is given as the {@link Hash} its topic holds (as any
 * hashed parameter may be). Immutable and thread-safe.
 *
 * <pre>EventFilter.of(abi.event("Transfer")).logFilter(token, BlockId.number(0), BlockId.LATEST, alice)</pre>
 */
public final class EventFilter {
    private final AbiEvent event;
    private final List<AbiParam> indexed;
    /** Per indexed parameter, the one-parameter encoder of its word; null for a hashed one. */
    private final List<AbiConstructor> words;

    private EventFilter(AbiEvent event) {
        this.event = event;
        List<AbiParam> params = new ArrayList<>();
        List<AbiConstructor> encoders = new ArrayList<>();
        for (AbiParam param : event.inputs()) {
            if (param.indexed()) {
                params.add(param);
                // a constructor of the one type encodes exactly the topic word, with the abi
                // package's argument checks (range, width, address form)
                encoders.add(param.hashedInTopic() ? null : Abi.parse("constructor(" + param.type() + ")").constructor());
            }
        }
        this.indexed = List.copyOf(params);
        this.words = Collections.unmodifiableList(encoders);
    }

    /** The filter of {@code event}. */
    public static EventFilter of(AbiEvent event) {
        return new EventFilter(event);
    }

    /** The event whose logs this filter selects. */
    public AbiEvent event() {
        return event;
    }

    /**
     * The topics for the given indexed values, by position as {@link LogFilter#topics()} takes
     * them. Throws {@link AbiException} naming the event and the argument when a value does not
     * fit its parameter, or when there are more values than indexed parameters.
     */
    public List<List<Hash>> topics(Object... indexedValues) {
        Object[] values = indexedValues == null ? new Object[0] : indexedValues;
        if (values.length > indexed.size()) {
            throw new AbiException(event.signature() + ": " + indexed.size() + " indexed parameter"
                    + (indexed.size() == 1 ? "" : "s") + " " + indexed + ", got " + values.length + " values");
        }
        List<List<Hash>> topics = new ArrayList<>();
        if (!event.anonymous()) {
            topics.add(List.of(event.topic0()));
        }
        for (int i = 0; i < values.length; i++) {
            topics.add(anyOf(i, values[i]));
        }
        // trailing positions that match anything say nothing
        while (!topics.isEmpty() && topics.get(topics.size() - 1).isEmpty()) {
            topics.remove(topics.size() - 1);
        }
        return topics;
    }

    /** A filter on {@code address} over {@code from}..{@code to} for this event and these indexed values. */
    public LogFilter logFilter(Address address, BlockId from, BlockId to, Object... indexedValues) {
        return new LogFilter(from, to, null, List.of(address), topics(indexedValues));
    }

    private List<Hash> anyOf(int position, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> values) {
            if (values.isEmpty()) {
                throw mismatch(position, "an empty list of values matches no log");
            }
            List<Hash> out = new ArrayList<>(values.size());
            for (Object v : values) {
                if (v == null || v instanceof Collection<?>) {
                    throw mismatch(position, "a list of values holds " + (v == null ? "null" : "a list"));
                }
                out.add(topic(position, v));
            }
            return List.copyOf(out);
        }
        return List.of(topic(position, value));
    }

    private Hash topic(int position, Object value) {
        AbiParam param = indexed.get(position);
        if (param.hashedInTopic()) {
            if (value instanceof Hash hash) {
                return hash;
            }
            if (param.type().equals("string") && value instanceof String s) {
                return new Hash(Keccak.keccak256(s.getBytes(StandardCharsets.UTF_8)));
            }
            if (param.type().equals("bytes") && value instanceof Bytes b) {
                return new Hash(Keccak.keccak256(b.value()));
            }
            if (param.type().equals("bytes") && value instanceof byte[] b) {
                return new Hash(Keccak.keccak256(b));
            }
            throw mismatch(position, "expected " + (param.type().equals("string") ? "a String or "
                    : param.type().equals("bytes") ? "Bytes or " : "") + "the Hash its topic holds, got "
                    + value.getClass().getSimpleName());
        }
        try {
            return new Hash(words.get(position).encodeDeploy(Bytes.EMPTY, value).value());
        } catch (AbiException e) {
            throw mismatch(position, e.getMessage());
        }
    }

    private AbiException mismatch(int position, String reason) {
        AbiParam param = indexed.get(position);
        return new AbiException(event.signature() + ": indexed argument " + position
                + (param.name().isEmpty() ? "" : " (" + param.name() + ")") + ": " + reason);
    }
}
