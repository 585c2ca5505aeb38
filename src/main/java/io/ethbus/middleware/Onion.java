package io.ethbus.middleware;

import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered, named chain of {@link Middleware}, after web3.py's middleware_onion.
 * Requests pass from the outermost layer to the innermost, responses come back from the
 * innermost to the outermost. Layer 0 is the innermost, next to the provider.
 *
 * <pre>
 * onion.add(new RetryMiddleware(...), "retry");          // outermost
 * onion.inject(new PoaMiddleware(), "poa", 0);           // innermost
 * RpcTransport transport = onion.around(provider);
 * </pre>
 *
 * An onion belongs to one verticle or client and is changed from its context only;
 * a call in flight keeps the layers it started with.
 */
public final class Onion {
    private record Layer(String name, Middleware middleware) {
    }

    /** Innermost first, so that a layer's index is its number. */
    private final List<Layer> layers = new ArrayList<>();
    /** Bumped on every change, so a transport can keep its composed chain until the layers change. */
    private int version;

    /** Adds {@code middleware} as the new outermost layer. */
    public Onion add(Middleware middleware, String name) {
        return inject(middleware, name, layers.size());
    }

    /** Puts {@code middleware} at layer {@code layer}: 0 is the innermost, {@link #size()} the outermost. */
    public Onion inject(Middleware middleware, String name, int layer) {
        Objects.requireNonNull(middleware, "middleware");
        Objects.requireNonNull(name, "name");
        if (indexOf(name) >= 0) {
            throw new IllegalArgumentException("the onion already has a layer named '" + name + "'");
        }
        if (layer < 0 || layer > layers.size()) {
            throw new IndexOutOfBoundsException("layer " + layer + " is outside 0.." + layers.size());
        }
        layers.add(layer, new Layer(name, middleware));
        version++;
        return this;
    }

    /** Removes the layer with this name, or this middleware instance. */
    public Onion remove(Object nameOrMiddleware) {
        layers.remove(find(nameOrMiddleware));
        version++;
        return this;
    }

    /** Puts {@code replacement} where the named layer (or the layer holding that instance) was, under the same name. */
    public Onion replace(Object nameOrMiddleware, Middleware replacement) {
        Objects.requireNonNull(replacement, "replacement");
        int index = find(nameOrMiddleware);
        layers.set(index, new Layer(layers.get(index).name(), replacement));
        version++;
        return this;
    }

    public Onion clear() {
        layers.clear();
        version++;
        return this;
    }

    public Optional<Middleware> get(String name) {
        int index = indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(layers.get(index).middleware());
    }

    /** The middlewares, outermost first. */
    public List<Middleware> middlewares() {
        List<Middleware> out = new ArrayList<>(layers.size());
        for (int i = layers.size() - 1; i >= 0; i--) {
            out.add(layers.get(i).middleware());
        }
        return out;
    }

    /** The layer names, outermost first. */
    public List<String> names() {
        List<String> out = new ArrayList<>(layers.size());
        for (int i = layers.size() - 1; i >= 0; i--) {
            out.add(layers.get(i).name());
        }
        return out;
    }

    public int size() {
        return layers.size();
    }

    /** Runs {@code request} through the layers as they are now, ending at {@code terminal}. */
    public Future<RpcResponse> handle(RpcRequest request, Middleware.Next terminal) {
        return chain(terminal).handle(request);
    }

    /** The layers as they are now composed into one call ending at {@code terminal}. */
    Middleware.Next chain(Middleware.Next terminal) {
        List<Layer> snapshot = List.copyOf(layers);
        return step(snapshot, snapshot.size() - 1, terminal);
    }

    int version() {
        return version;
    }

    /** A transport that sends every call, batched or not, through this onion to {@code inner}. */
    public RpcTransport around(RpcTransport inner) {
        return new OnionTransport(this, inner);
    }

    private static Middleware.Next step(List<Layer> snapshot, int index, Middleware.Next terminal) {
        if (index < 0) {
            return terminal;
        }
        Middleware layer = snapshot.get(index).middleware();
        Middleware.Next below = step(snapshot, index - 1, terminal);
        return request -> {
            try {
                return layer.handle(request, below);
            } catch (RuntimeException e) {
                // A layer that throws instead of returning a failed future fails this call only.
                return Future.failedFuture(e);
            }
        };
    }

    private int find(Object nameOrMiddleware) {
        int index = nameOrMiddleware instanceof String name ? indexOf(name) : indexOfInstance(nameOrMiddleware);
        if (index < 0) {
            throw new IllegalArgumentException("the onion has no layer " + nameOrMiddleware);
        }
        return index;
    }

    private int indexOf(String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOfInstance(Object middleware) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).middleware() == middleware) {
                return i;
            }
        }
        return -1;
    }
}
