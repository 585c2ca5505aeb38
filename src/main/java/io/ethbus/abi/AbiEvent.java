package io.ethbus.abi;

import com.esaulpaugh.headlong.abi.Event;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import io.ethbus.eth.Log;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An event a contract can emit: its topic0, its parameters with their indexed flags, and the
 * decoding of its logs. Immutable and thread-safe.
 * Example: {@code abi.event("Transfer").decode(log).args().getBigInteger("value")}.
 */
public final class AbiEvent {
    private final Event<?> event;
    private final Hash topic0;
    private final ParamCodec inputs;
    private final int indexedCount;
    private final TupleType<Tuple> nonIndexed;

    AbiEvent(Event<?> event) {
        this.event = event;
        String signature = event.getCanonicalSignature();
        this.topic0 = new Hash(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII)));
        this.inputs = ParamCodec.of(signature, event.getInputs(), event.getIndexManifest());
        int indexed = 0;
        for (boolean b : event.getIndexManifest()) {
            indexed += b ? 1 : 0;
        }
        this.indexedCount = indexed;
        this.nonIndexed = event.getNonIndexedParams();
    }

    /** The event's name, e.g. {@code Transfer}. */
    public String name() {
        return event.getName();
    }

    /** e.g. {@code Transfer(address,address,uint256)}. */
    public String signature() {
        return event.getCanonicalSignature();
    }

    /** The Keccak-256 hash of the signature: the first topic of the event's logs unless anonymous. */
    public Hash topic0() {
        return topic0;
    }

    /** True for an anonymous event: its logs carry no topic0, only the indexed parameters. */
    public boolean anonymous() {
        return event.isAnonymous();
    }

    /** All parameters in declaration order, with {@link AbiParam#indexed()} set for those in topics. */
    public List<AbiParam> inputs() {
        return inputs.params();
    }

    /**
     * True when {@code log} has this event's shape: topic0 (unless anonymous) and the number of
     * topics its indexed parameters take. The data is not looked at.
     */
    public boolean matches(Log log) {
        List<Hash> topics = log.topics();
        if (anonymous()) {
            return topics.size() == indexedCount;
        }
        return topics.size() == indexedCount + 1 && topics.get(0).equals(topic0);
    }

    /**
     * Decodes the log's topics and data. Throws {@link AbiDecodingException} naming the event
     * when topic0 is another event's, the topic count is wrong, or a topic or the data does not
     * decode.
     */
    public DecodedEvent decode(Log log) {
        List<Hash> topics = log.topics();
        int first = anonymous() ? 0 : 1;
        if (topics.size() != first + indexedCount) {
            throw new AbiDecodingException(signature() + ": expected " + (first + indexedCount) + " topics, the log has " + topics.size());
        }
        if (first == 1 && !topics.get(0).equals(topic0)) {
            throw new AbiDecodingException(signature() + ": topic0 " + topics.get(0) + " is not this event's " + topic0);
        }
        byte[] data = log.data() == null ? new byte[0] : log.data().value();
        try {
            return new DecodedEvent(this, values(topics, first, data), log);
        } catch (RuntimeException e) {
            throw new AbiDecodingException(signature() + ": log with " + topics.size() + " topics and " + data.length
                    + " bytes of data does not decode: " + ParamCodec.reason(e), e);
        }
    }

    /**
     * Indexed values from the topics, the others from the data. Headlong decodes the values;
     * the topics are read here because a topic holds the hash of every array and tuple, fixed
     * ones included, where headlong's event decoding expects the value of a static one.
     */
    private AbiValues values(List<Hash> topics, int first, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        Tuple unindexed = nonIndexed.decode(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes past the values");
        }
        List<AbiParam> params = inputs.params();
        TupleType<Tuple> types = inputs.types();
        Object[] out = new Object[params.size()];
        int topic = first;
        int datum = 0;
        for (int i = 0; i < out.length; i++) {
            AbiParam param = params.get(i);
            if (param.hashedInTopic()) {
                out[i] = topics.get(topic++);
            } else if (param.indexed()) {
                out[i] = HeadlongResults.convert(types.get(i), param.components(), types.get(i).decode(topics.get(topic++).value()));
            } else {
                out[i] = HeadlongResults.convert(types.get(i), param.components(), unindexed.get(datum++));
            }
        }
        return new AbiValues(params, out);
    }

    /** e.g. {@code event Transfer(address indexed from, address indexed to, uint256 value)}. */
    @Override
    public String toString() {
        return "event " + name() + Signatures.params(inputs()) + (anonymous() ? " anonymous" : "");
    }
}
