package io.ethbus.crawl;

import io.ethbus.rpc.RawJson;

/**
 * What the node answered for one block, kept as the node's JSON text until its rows are read: the block
 * object and, when receipts were asked for, the array of its receipts in transaction order
 * (null otherwise).
 */
record FetchedBlock(long number, RawJson block, RawJson receipts) {
}
