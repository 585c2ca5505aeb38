package io.ethbus.devchain;

import java.nio.file.Path;

/** No anvil binary where ethbus looked for one: the dev chain is not installed there, or installing it failed. */
public class AnvilNotFoundException extends DevChainException {
    private final Path lookedAt;

    /** No executable at {@code lookedAt}; the message says how to install one. */
    public AnvilNotFoundException(Path lookedAt) {
        this(lookedAt, "anvil not found at " + lookedAt + "; install the dev chain with `mvn -B verify` in the"
                + " project root (or `npm ci` in tools/devchain), unset ETHBUS_DEVCHAIN_DIR to let ethbus install"
                + " it into the user cache, or point the system property ethbus.anvil at an anvil binary");
    }

    /** No executable at {@code lookedAt}, for the reason {@code message} gives. */
    public AnvilNotFoundException(Path lookedAt, String message) {
        super(message);
        this.lookedAt = lookedAt;
    }

    /** The path that was expected to hold the binary. */
    public Path lookedAt() {
        return lookedAt;
    }
}
