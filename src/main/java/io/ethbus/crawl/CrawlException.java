package io.ethbus.crawl;

import io.ethbus.rpc.EthbusException;

/** A crawl could not finish: the node kept failing, answered without a block, or a file could not be written. */
public class CrawlException extends EthbusException {
    public CrawlException(String message, Throwable cause) {
        super(null, null, message, cause);
    }
}
