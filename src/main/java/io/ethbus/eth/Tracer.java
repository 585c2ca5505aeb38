package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.ResultReader;

import java.util.function.Function;

/**
 * A tracer of the debug namespace and the type of what it answers per transaction:
 * {@link #CALL} (geth's {@code callTracer}: nested {@link CallFrame}s), {@link #PRESTATE}
 * ({@code prestateTracer}: the touched accounts before the transaction) and
 * {@link #PRESTATE_DIFF} (the same in diff mode: before and after).
 *
 * <pre>client.debug().traceTransaction(hash, Tracer.CALL).onSuccess(frame -&gt; ...)</pre>
 */
public final class Tracer<T> {
    /** geth's callTracer: the transaction's call frame, the frames it made nested in it. */
    public static final Tracer<CallFrame> CALL = new Tracer<>("callTracer", false, CallFrame::fromJson,
            CallFrame::read);
    /**
     * geth's prestateTracer: every touched account as it was before the transaction. Read as a
     * tree per transaction (the block's array still streams): an account map is keyed by
     * address, with no member list to match.
     */
    public static final Tracer<PrestateTrace> PRESTATE = new Tracer<>("prestateTracer", false,
            PrestateTrace::fromJson, c -> PrestateTrace.fromJson(c.readTree()));
    /** The prestateTracer in diff mode: the touched accounts before, and what changed after. */
    public static final Tracer<PrestateDiff> PRESTATE_DIFF = new Tracer<>("prestateTracer", true,
            PrestateDiff::fromJson, c -> PrestateDiff.fromJson(c.readTree()));

    private final String name;
    private final boolean diffMode;
    private final Function<JsonNode, T> decoder;
    private final ResultReader<T> reader;

    private Tracer(String name, boolean diffMode, Function<JsonNode, T> decoder, ResultReader<T> reader) {
        this.name = name;
        this.diffMode = diffMode;
        this.decoder = decoder;
        this.reader = reader;
    }

    /** The tracer's name on the wire, such as {@code callTracer}. */
    public String name() {
        return name;
    }

    /** The tracer options object sent with the call: {@code {"tracer":"callTracer"}}. */
    public ObjectNode options() {
        ObjectNode options = JsonNodeFactory.instance.objectNode().put("tracer", name);
        if (diffMode) {
            options.putObject("tracerConfig").put("diffMode", true);
        }
        return options;
    }

    Function<JsonNode, T> decoder() {
        return decoder;
    }

    ResultReader<T> reader() {
        return reader;
    }

    @Override
    public String toString() {
        return diffMode ? name + " (diffMode)" : name;
    }
}
