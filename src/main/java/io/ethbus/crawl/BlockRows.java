package io.ethbus.crawl;

import java.util.List;
import java.util.Map;

/**
 * The rows read from one block's answers, by dataset, in block order.
 *
 * @param transactionCount transactions in the block, whatever datasets were read
 */
record BlockRows(long number, int transactionCount, Map<Dataset, List<Row>> rows) {
}
