package io.ethbus.rpc;

/**
 * When an answer may be reused instead of asking the node again. A method may follow several
 * rules, one per cache; a method that follows none is never cached. Errors and null results
 * ("not there yet") are never reused, whatever the rule.
 */
public enum CacheRule {
    /**
     * For ever: with a block parameter, only when it pins the block by number or hash; without
     * one, always (the chain's identity, look-ups by hash).
     */
    FOREVER,
    /**
     * While the latest block stays the same: with a block parameter, only at latest (or when it
     * is left out and may be); without one, always.
     */
    WHILE_HEAD,
    /** For a fixed time: slow-moving answers (accounts, peers, sync status, prices, identity). */
    TIMED
}
