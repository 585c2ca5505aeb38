package io.ethbus.abi;

import io.ethbus.eth.Log;

/**
 * A log decoded by its event. {@code args} holds every parameter in declaration order, indexed
 * or not; an indexed string, bytes, array or tuple is only its {@link io.ethbus.primitives.Hash}
 * (the topic holds nothing else), as {@link AbiParam#hashedInTopic()} and
 * {@link AbiParam#javaType()} of {@code event.inputs()} say. The log keeps the position: block
 * number and hash, transaction hash, log index.
 *
 * @param event the event the log was decoded by
 * @param args  the decoded parameters, by name
 * @param log   the log as the node sent it
 */
public record DecodedEvent(AbiEvent event, AbiValues args, Log log) {
    /** The event's name. */
    public String name() {
        return event.name();
    }

    /** e.g. {@code Transfer(address,address,uint256)}. */
    public String signature() {
        return event.signature();
    }
}
