package io.ethbus.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ethbus.rpc.JsonRpcCodec;

import io.ethbus.rpc.RpcMethod;
import java.io.IOException;

/**
 * What a session needs to route one message from a WebSocket or IPC connection: whether it is
 * a batch answer, the id of the (first) answer, and whether it is a subscription
 * notification. Read with the streaming parser from the top-level fields only, so that a
 * large answer is not made a tree just to find its id; the codec then decodes it once.
 *
 * @param id {@link Long#MIN_VALUE} when the message has no usable id
 */
record MessageEnvelope(boolean batch, long id, boolean notification) {
    static final long NO_ID = Long.MIN_VALUE;

    /**
     * Reads the envelope of {@code message}.
     *
     * @throws IOException when the message does not start as a JSON object or array of objects
     */
    static MessageEnvelope of(byte[] message) throws IOException {
        return read(message, false);
    }

    /**
     * The envelope as far as the first bytes of a message tell it ({@code prefix}: the message
     * was too large to keep whole); the id is {@link #NO_ID} when it comes after them or the
     * bytes are not JSON-RPC.
     */
    static MessageEnvelope ofPrefix(byte[] prefix) {
        try {
            return read(prefix, true);
        } catch (IOException e) {
            return new MessageEnvelope(false, NO_ID, false);
        }
    }

    private static MessageEnvelope read(byte[] message, boolean prefix) throws IOException {
        boolean batch = false;
        long id = NO_ID;
        boolean notification = false;
        try (JsonParser p = JsonRpcCodec.parser(message, 0, message.length)) {
            JsonToken first = p.nextToken();
            batch = first == JsonToken.START_ARRAY;
            JsonToken object = batch ? p.nextToken() : first;
            if (object == JsonToken.END_ARRAY) {
                return new MessageEnvelope(true, NO_ID, false);
            }
            if (object != JsonToken.START_OBJECT) {
                throw new IOException("a JSON-RPC message is an object or an array of objects, not " + object);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("id".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    id = p.getLongValue();
                } else if ("id".equals(name) && value == JsonToken.VALUE_STRING) {
                    id = parseId(p.getText());
                } else if ("method".equals(name) && value == JsonToken.VALUE_STRING) {
                    notification = RpcMethod.ETH_SUBSCRIPTION.wireName().equals(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            if (!prefix) {
                throw e;
            }
            // the prefix ends inside the message: what was read before its end is what is known
        }
        return new MessageEnvelope(batch, id, notification);
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return NO_ID;
        }
    }
}
