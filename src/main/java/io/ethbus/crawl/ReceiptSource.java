package io.ethbus.crawl;

/** How receipts are fetched. */
public enum ReceiptSource {
    /** One eth_getBlockReceipts per block; the crawl falls back to {@link #TRANSACTION} when the node lacks it. */
    BLOCK,
    /** One eth_getTransactionReceipt per transaction, batched. */
    TRANSACTION
}
