package io.ethbus.crawl;

import io.ethbus.rpc.EthbusException;

/** A crawl was asked for something that cannot be done: a bad block range, dataset, format or size. */
public class CrawlConfigException extends EthbusException {
    public CrawlConfigException(String message) {
        super(null, null, message);
    }
}
