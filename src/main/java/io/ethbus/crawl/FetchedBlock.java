package io.ethbus.crawl;

import io.ethbus.rpc.RawJson;

/**
 * What the node answered for one block, kept as the node's JSON text until its rows are read: the block
 * object and, when receipts were asked for, the array of its receipts in transaction order
 * (null otherwise), and its traces when a trace dataset was asked for (null otherwise).
 */
record FetchedBlock(long number, RawJson block, RawJson receipts, RawJson traces) {
    FetchedBlock(long number, RawJson block, RawJson receipts) {
        this(number, block, receipts, null);
    }

    /** The bytes of JSON the node answered for this block: what holding it costs, for the crawl's memory budget. */
    long answerBytes() {
        return (long) block.length() + (receipts == null ? 0 : receipts.length()) + (traces == null ? 0 : traces.length());
    }
}
