package io.ethbus.crypto;

/** One RLP item: a byte string ({@link RlpString}) or a list of items ({@link RlpList}). */
public sealed interface RlpItem permits RlpString, RlpList {
    /** This item as a string, or an {@link RlpException} when it is a list. */
    default RlpString asString() {
        if (this instanceof RlpString s) {
            return s;
        }
        throw new RlpException("expected an RLP string, got a list");
    }

    /** This item as a list, or an {@link RlpException} when it is a string. */
    default RlpList asList() {
        if (this instanceof RlpList l) {
            return l;
        }
        throw new RlpException("expected an RLP list, got a string");
    }
}
