package io.ethbus.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.impl.CodecManager;
import io.vertx.core.eventbus.impl.MessageImpl;
import io.vertx.core.eventbus.impl.clustered.ClusteredMessage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.Set;

/**
 * An event-bus body that came from another cluster member and is not decoded yet, with its
 * size as it travelled. Vert.x 5 keeps such a body as the bytes of its frame and decodes it
 * at the first {@link Message#body()}, on the thread that calls it: for a JSON object, array
 * or string that is a full JSON parse, which would run on the node's event loop. Vert.x has
 * no public accessor for those bytes, so the size is read from {@link ClusteredMessage}'s
 * private fields {@code wireBuffer} and {@code bodyPos} (Vert.x 5.0 to 5.2): the codecs
 * a request may use (Vert.x's four and {@link RequestCodec}) write the body's length as an int at {@code bodyPos}. Should a later
 * Vert.x rename those fields, the size is {@link #UNKNOWN} and the caller decodes on a worker.
 *
 * @param bytes the body's size on the wire, or {@link #UNKNOWN}
 */
record UndecodedBody(long bytes) {
    /** The size when Vert.x's fields could not be read. */
    static final long UNKNOWN = -1;
    /** The codecs of bodies a request may have; each writes an int length, then the bytes. */
    private static final Set<MessageCodec<?, ?>> LENGTH_PREFIXED = Set.of(CodecManager.JSON_OBJECT_MESSAGE_CODEC,
            CodecManager.JSON_ARRAY_MESSAGE_CODEC, CodecManager.STRING_MESSAGE_CODEC, CodecManager.BUFFER_MESSAGE_CODEC);
    private static final VarHandle WIRE_BUFFER = field("wireBuffer", Buffer.class);
    private static final VarHandle BODY_POS = field("bodyPos", int.class);

    /**
     * The undecoded body of {@code message}; empty for a message sent in this JVM (its body is
     * an object already) and for one whose body was decoded already.
     */
    static Optional<UndecodedBody> of(Message<?> message) {
        if (!(message instanceof ClusteredMessage<?, ?> clustered) || !clustered.isFromWire()) {
            return Optional.empty();
        }
        if (WIRE_BUFFER == null || BODY_POS == null) {
            return Optional.of(new UndecodedBody(UNKNOWN));
        }
        int bodyPos = (int) BODY_POS.get(clustered);
        Buffer wire = (Buffer) WIRE_BUFFER.get(clustered);
        if (bodyPos == 0 || wire == null) {
            return Optional.empty(); // Vert.x sets bodyPos to 0 once it has decoded the body
        }
        MessageCodec<?, ?> codec = ((MessageImpl<?, ?>) message).codec();
        if (!(LENGTH_PREFIXED.contains(codec) || codec instanceof RequestCodec) || bodyPos + 4 > wire.length()) {
            return Optional.of(new UndecodedBody(UNKNOWN));
        }
        return Optional.of(new UndecodedBody(wire.getInt(bodyPos)));
    }

    private static VarHandle field(String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(ClusteredMessage.class, MethodHandles.lookup())
                    .findVarHandle(ClusteredMessage.class, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
