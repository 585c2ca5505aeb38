package io.ethbus.testsupport;

/**
 * A tiny contract for tests, hand-assembled: every call emits LOG2(calldata, TOPIC, caller)
 * and returns nothing.
 */
public final class LogEmitter {
    /** keccak256("Transfer(address,address,uint256)"), the event topic it emits. */
    public static final String TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    /** Runtime code: CALLDATACOPY to memory 0, then LOG2(0, calldatasize, TOPIC, CALLER), STOP. */
    public static final String RUNTIME = "36600060003733" + "7f" + TOPIC + "366000a200";
    /** Init code: CODECOPY the 0x2d runtime bytes that follow it, RETURN them. */
    public static final String INIT = "602d80600b6000396000f3";
    /** What to send as the input of a contract-creating transaction. */
    public static final String DEPLOY_INPUT = "0x" + INIT + RUNTIME;

    private LogEmitter() {
    }
}
