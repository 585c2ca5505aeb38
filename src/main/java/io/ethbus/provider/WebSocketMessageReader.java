package io.ethbus.provider;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Joins the frames of each WebSocket message (text or binary) as they arrive, holding them in
 * the connection's {@link AnswerReservation} frame by frame, instead of letting Vert.x join a
 * whole message before anything counts it. A message the reservation refuses is not kept past
 * its first {@link JsonValueFramer#PREFIX_BYTES} (where an answer's id is): its later frames
 * are only counted, and at its last frame it is reported as refused, so that the connection
 * stays in step. Netty still holds one frame whole before it gets here, at most
 * {@code maxMessageBytes}. Used on the connection's context only.
 */
final class WebSocketMessageReader {
    private final AnswerReservation held;
    private final Consumer<Buffer> onMessage;
    private final BiConsumer<Buffer, Long> onRefused;
    private Buffer message;
    private Buffer refusedPrefix;
    private long refusedBytes;

    /**
     * @param onMessage gets each complete message kept (the reservation is released once it returns)
     * @param onRefused gets the first bytes and the size of each message refused, after its last frame
     */
    WebSocketMessageReader(AnswerReservation held, Consumer<Buffer> onMessage, BiConsumer<Buffer, Long> onRefused) {
        this.held = held;
        this.onMessage = onMessage;
        this.onRefused = onRefused;
    }

    /** Takes the next frame; control frames (ping, pong, close) are not part of a message. */
    void frame(WebSocketFrame frame) {
        if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
            return;
        }
        Buffer data = frame.binaryData();
        if (refusedPrefix != null) {
            refusedBytes += data.length();
        } else {
            message = message == null ? data.copy() : message.appendBuffer(data);
            if (!held.hold(message.length())) {
                refusedPrefix = message.getBuffer(0, Math.min(JsonValueFramer.PREFIX_BYTES, message.length()));
                refusedBytes = message.length();
                message = null;
            }
        }
        if (frame.isFinal()) {
            complete();
        }
    }

    /** The connection is gone: what was held of a message is given back. */
    void discard() {
        message = null;
        refusedPrefix = null;
        held.release();
    }

    private void complete() {
        if (refusedPrefix != null) {
            Buffer prefix = refusedPrefix;
            refusedPrefix = null;
            onRefused.accept(prefix, refusedBytes);
            return;
        }
        Buffer whole = message;
        message = null;
        try {
            onMessage.accept(whole);
        } finally {
            held.release();
        }
    }
}
