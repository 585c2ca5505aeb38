package io.ethbus.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where one chunk of one dataset goes. Rows are written to a hidden temporary name and
 * renamed to the final name only once the file is complete, so a final name always means
 * a complete file and a crash leaves at most a stray temporary file.
 */
public record ChunkFile(Path directory, Chunk chunk, Dataset dataset, OutputFormat format) {

    public Path finalPath() {
        return directory.resolve(chunk.fileStem(dataset) + "." + format.extension());
    }

    public Path tempPath() {
        return directory.resolve("." + chunk.fileStem(dataset) + "." + format.extension() + ".tmp");
    }

    /** True when the final file exists: a complete chunk from an earlier run. */
    public boolean isComplete() {
        return Files.isRegularFile(finalPath());
    }

    /** Moves the finished temporary file to its final name, atomically where the file system can. */
    public void commit() throws IOException {
        try {
            Files.move(tempPath(), finalPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tempPath(), finalPath(), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
