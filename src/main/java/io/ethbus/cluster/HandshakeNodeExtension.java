package io.ethbus.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.SocketInterceptorConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.instance.impl.DefaultNodeContext;
import com.hazelcast.instance.impl.DefaultNodeExtension;
import com.hazelcast.instance.impl.HazelcastInstanceFactory;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.instance.impl.NodeExtension;
import com.hazelcast.nio.MemberSocketInterceptor;

/**
 * Hazelcast's open-source node with {@link MemberHandshake} on every connection. Hazelcast
 * calls a socket interceptor on each accepted and each opened connection (the hook of its
 * Enterprise edition), but the open-source node refuses to hand one out; this node hands out
 * the handshake, so the open-source networking runs it before any Hazelcast byte.
 *
 * <pre>HazelcastInstance hz = HandshakeNodeExtension.start(config, handshake);</pre>
 */
final class HandshakeNodeExtension extends DefaultNodeExtension {
    private final MemberHandshake handshake;

    private HandshakeNodeExtension(Node node, MemberHandshake handshake) {
        super(node);
        this.handshake = handshake;
    }

    /** Starts (and joins) a Hazelcast member whose every connection first passes {@code handshake}; blocks. */
    static HazelcastInstance start(Config config, MemberHandshake handshake) {
        // Enabled interceptor config: Hazelcast then runs each new connection through
        // getSocketInterceptor below, on a thread of its own, with the socket in blocking mode.
        config.getNetworkConfig().setSocketInterceptorConfig(new SocketInterceptorConfig().setEnabled(true));
        return HazelcastInstanceFactory.newHazelcastInstance(config, config.getInstanceName(), new DefaultNodeContext() {
            @Override
            public NodeExtension createNodeExtension(Node node) {
                return new HandshakeNodeExtension(node, handshake);
            }
        });
    }

    @Override
    public MemberSocketInterceptor getSocketInterceptor(EndpointQualifier endpointQualifier) {
        return handshake; // every endpoint: members, and Hazelcast clients, which ethbus never uses
    }
}
