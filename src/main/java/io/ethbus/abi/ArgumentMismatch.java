package io.ethbus.abi;

/**
 * A Java value that does not fit its ABI type, found while converting one argument. Each array
 * and tuple level on the way out prefixes its position, so that {@link ParamCodec} can name the
 * argument and the place inside it once; no stack trace, the happy path pays nothing.
 */
final class ArgumentMismatch extends RuntimeException {
    private final String location;
    private final String reason;

    ArgumentMismatch(String reason) {
        this("", reason);
    }

    private ArgumentMismatch(String location, String reason) {
        super(reason, null, false, false);
        this.location = location;
        this.reason = reason;
    }

    /** The same mismatch, one level further out: {@code step} is {@code [3]} or {@code .name}. */
    ArgumentMismatch within(String step) {
        return new ArgumentMismatch(step + location, reason);
    }

    String location() {
        return location;
    }

    String reason() {
        return reason;
    }
}
