package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the node answered for one block, kept as JSON until its rows are read: the block
 * object and, when receipts were asked for, the array of its receipts in transaction order
 * (null otherwise).
 */
record FetchedBlock(long number, JsonNode block, JsonNode receipts) {
}
