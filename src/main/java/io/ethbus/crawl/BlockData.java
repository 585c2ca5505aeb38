package io.ethbus.crawl;

import io.ethbus.eth.Block;
import io.ethbus.eth.Receipt;

import java.util.List;

/** What was fetched for one block: the block and, when receipts were asked for, its receipts in transaction order. */
public record BlockData(Block block, List<Receipt> receipts) {
    public BlockData {
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
    }
}
