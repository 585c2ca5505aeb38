package io.ethbus.rpc;

/** What a method's result is, as far as tidying it on the way back cares. */
public enum ResultShape {
    /** A hex quantity. */
    QUANTITY,
    /** An array of addresses. */
    ADDRESS_LIST,
    /** A transaction object (or null). */
    TRANSACTION,
    /** A receipt object (or null). */
    RECEIPT,
    /** A block object, with transaction hashes or whole transactions (or null). */
    BLOCK,
    /** An array of log objects (or, from a block or pending-transaction filter, of hashes). */
    LOGS,
    /** Anything else: passed on as the node sent it. */
    OTHER
}
