package io.ethbus.rpc;

import java.util.Locale;
import java.util.Set;

/**
 * Which JSON-RPC methods may be sent again after a failure (reads that change nothing), and
 * which send a transaction and so must never be resent automatically.
 */
public final class IdempotentMethods {
    /** Reads that return the same answer when asked twice and change nothing; {@code *} matches a prefix. */
    public static final Set<String> DEFAULTS = Set.of(
            "eth_chainId", "eth_blockNumber", "eth_getBalance", "eth_getCode", "eth_getStorageAt",
            "eth_getTransactionCount", "eth_getBlockBy*", "eth_getBlockTransactionCountBy*",
            "eth_getUncleBy*", "eth_getUncleCountBy*", "eth_getTransactionBy*", "eth_getTransactionReceipt",
            "eth_getBlockReceipts", "eth_getLogs", "eth_call", "eth_estimateGas", "eth_createAccessList",
            "eth_gasPrice", "eth_maxPriorityFeePerGas", "eth_feeHistory", "eth_syncing", "eth_accounts",
            "eth_protocolVersion", "eth_getProof", "eth_getFilterLogs", "eth_blobBaseFee",
            "net_*", "web3_*");

    private IdempotentMethods() {
    }

    /** True when {@code method} is on {@code allowList} and does not send a transaction. */
    public static boolean allows(Set<String> allowList, String method) {
        if (sendsTransaction(method)) {
            return false;
        }
        for (String entry : allowList) {
            boolean match = entry.endsWith("*")
                    ? method.startsWith(entry.substring(0, entry.length() - 1))
                    : method.equals(entry);
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code method} is one of {@link #DEFAULTS}. */
    public static boolean isIdempotent(String method) {
        return allows(DEFAULTS, method);
    }

    /**
     * True for the methods that send a transaction, which must never be resent automatically:
     * a resend can pay twice or fail with a confusing nonce error.
     */
    public static boolean sendsTransaction(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return m.startsWith("eth_send") || (m.startsWith("personal_") && m.contains("send"));
    }
}
