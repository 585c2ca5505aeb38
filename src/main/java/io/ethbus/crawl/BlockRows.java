package io.ethbus.crawl;

import java.util.List;
import java.util.Map;

/**
 * The rows read from one block's answers, by dataset, in block order.
 *
 * @param hash             the block's hash, and its parent's: the crawl checks that its blocks link up
 * @param transactionCount transactions in the block, whatever datasets were read
 * @param answerBytes      the JSON the node answered for the block, counted against the crawl's memory budget
 *                         until the rows are written
 */
record BlockRows(long number, String hash, String parentHash, int transactionCount, Map<Dataset, List<Row>> rows,
                 long answerBytes) {
}
