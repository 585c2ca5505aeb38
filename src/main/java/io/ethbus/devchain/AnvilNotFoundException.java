package io.ethbus.devchain;

import java.nio.file.Path;

/** No anvil binary where ethbus looked for one: the dev chain has not been installed yet. */
public class AnvilNotFoundException extends DevChainException {
    private final Path lookedAt;

    public AnvilNotFoundException(Path lookedAt) {
        super("anvil not found at " + lookedAt + "; install the dev chain with `mvn -B verify` in the"
                + " project root (or `npm install` in tools/devchain), or point the system property"
                + " ethbus.anvil at an anvil binary");
        this.lookedAt = lookedAt;
    }

    /** The path that was expected to hold the binary. */
    public Path lookedAt() {
        return lookedAt;
    }
}
