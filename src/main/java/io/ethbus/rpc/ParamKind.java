package io.ethbus.rpc;

/**
 * What one positional parameter of a JSON-RPC method is, as far as checking it before it leaves
 * and caching its answer care.
 */
public enum ParamKind {
    /** An account address (hex, checksum checked when mixed case). */
    ADDRESS,
    /** A block: a number, a tag or an EIP-1898 object; required. */
    BLOCK,
    /** A block that may be left out, the node then answering at latest. */
    BLOCK_OR_LATEST,
    /** A transaction object: from, to, chainId and the rest. */
    TRANSACTION,
    /** A log filter object: block range or hash, addresses, topics. */
    FILTER,
    /** Anything else (a hash, a quantity, a flag, an id): left to the node to judge. */
    OTHER;

    /** True for both kinds of block parameter. */
    public boolean isBlock() {
        return this == BLOCK || this == BLOCK_OR_LATEST;
    }
}
