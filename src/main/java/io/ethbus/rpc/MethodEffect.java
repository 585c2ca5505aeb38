package io.ethbus.rpc;

/** What sending a method does besides answering: whether it may be sent again after a failure. */
public enum MethodEffect {
    /** Changes nothing and answers alike when asked twice: may be retried anywhere. */
    READ,
    /** Changes the node's state or consumes something (filters, mining, dev-chain settings): not resent. */
    STATEFUL,
    /** Sends a transaction: never resent automatically, a resend can pay twice. */
    SEND,
    /**
     * Signs with a key the node holds: not resent, as the node may have to unlock the key or
     * ask its holder again, and each signature it makes is a commitment of that account.
     */
    SIGN
}
