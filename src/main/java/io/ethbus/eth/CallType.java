package io.ethbus.eth;

import io.ethbus.rpc.MalformedResponseException;

import java.util.Locale;

/**
 * What a call frame of a trace does: a message call of one of the call opcodes, a contract
 * creation, or a self-destruct. Nodes spell it in upper case (geth's callTracer) or lower
 * case with {@code suicide} for a self-destruct (the parity-style trace API); both are read.
 */
public enum CallType {
    CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2, SELFDESTRUCT;

    /** True for CREATE and CREATE2: the frame deploys a contract. */
    public boolean creates() {
        return this == CREATE || this == CREATE2;
    }

    /** Reads a node's spelling, such as {@code CALL}, {@code delegatecall} or {@code suicide}. */
    public static CallType of(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("SUICIDE")) {
            return SELFDESTRUCT;
        }
        for (CallType t : values()) {
            if (t.name().equals(upper)) {
                return t;
            }
        }
        throw new MalformedResponseException(null, null, "unknown call frame type '" + text + "'");
    }
}
