package io.ethbus.bus;

/** The well-known event-bus addresses of ethbus. */
public final class RpcAddresses {
    /** Prefix of every ethbus address; the header interceptor acts on these only. */
    public static final String PREFIX = "ethbus.";
    /** JSON-RPC service of the default endpoint. */
    public static final String RPC_DEFAULT = "ethbus.rpc";

    private RpcAddresses() {
    }

    /** JSON-RPC service of one named endpoint: {@code ethbus.rpc.mainnet}. */
    public static String rpc(String endpoint) {
        return RPC_DEFAULT + "." + endpoint;
    }
}
