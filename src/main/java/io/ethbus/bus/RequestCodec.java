package io.ethbus.bus;

import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The event-bus codec of one call sent by ethbus's own client. To a node verticle in the same
 * JVM the call goes as a copy of the {@link RpcRequest} (its params copied, so no tree is
 * shared): no JSON is written by the caller nor parsed by the node. To another cluster member
 * it goes as the call's JSON, length first like Vert.x's own codecs ({@link UndecodedBody}
 * sizes it before decoding), and arrives there as a {@link Buffer} of that JSON, as a plain
 * JSON call would.
 */
public final class RequestCodec implements MessageCodec<RpcRequest, Object> {
    static final String NAME = "ethbus.rpc-request";
    private static final String INSTALLED = "ethbus.codecs";

    RequestCodec() {
    }

    /** Registers the codec on {@code vertx} unless it is there already (both sides of a cluster need it). */
    public static void install(Vertx vertx) {
        // per Vert.x instance, as the header interceptor: registering twice would throw
        if (vertx.sharedData().getLocalMap(INSTALLED).putIfAbsent(NAME, Boolean.TRUE) == null) {
            vertx.eventBus().registerCodec(new RequestCodec());
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, RpcRequest request) {
        byte[] json = JsonRpcCodec.encode(request);
        buffer.appendInt(json.length).appendBytes(json);
    }

    @Override
    public Object decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return buffer.getBuffer(pos + 4, pos + 4 + length);
    }

    @Override
    public Object transform(RpcRequest request) {
        return new RpcRequest(request.id(), request.method(), request.params().deepCopy());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1; // a user codec
    }
}
