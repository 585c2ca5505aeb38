package io.ethbus.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where one chunk of one dataset goes. Rows are written to a hidden temporary name and
 * renamed to the final name only once the file is complete, so a final name always means
 * a complete file and a crash leaves at most a stray temporary file. The temporary name
 * carries the writer's name, so that two crawlers writing the same chunk (a claim that lapsed
 * under a live holder) never write into one file.
 */
public record ChunkFile(Path directory, Chunk chunk, Dataset dataset, OutputFormat format) {

    public Path finalPath() {
        return directory.resolve(chunk.fileStem(dataset) + "." + format.extension());
    }

    /** The hidden name {@code writer} (letters, digits, dashes) writes the file under until it is complete. */
    public Path tempPath(String writer) {
        return directory.resolve("." + chunk.fileStem(dataset) + "." + format.extension() + "." + writer + ".tmp");
    }

    /** Moves {@code writer}'s finished temporary file to its final name, atomically where the file system can. */
    public void commit(String writer) throws IOException {
        try {
            Files.move(tempPath(writer), finalPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tempPath(writer), finalPath(), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
