package io.ethbus.crawl;

/**
 * What the parts of a crawl ask of the crawl they belong to. Called on the crawl's context only.
 */
interface RunControl {
    /** Sends work while the limits allow: something that held it back has changed. */
    void pump();

    /** Every planned chunk is written: finish, or when following, look for new blocks. */
    void idle();

    /** Ends the crawl with {@code cause}; its open chunks' temporary files are deleted. */
    void fail(Throwable cause);

    /** Whether the crawl has failed: parts stop acting on answers that arrive late. */
    boolean failed();
}
