package io.ethbus.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared secret every member of one cluster knows: a member proves it to each peer it
 * connects to ({@link MemberHandshake}) without sending it. Given as a file (preferred:
 * {@code ethbus.cluster.secret.file} / {@code ETHBUS_CLUSTER_SECRET_FILE}) or a value
 * ({@code ethbus.cluster.secret} / {@code ETHBUS_CLUSTER_SECRET}); read when the member
 * starts. Never printed: {@link #toString()} names the source only.
 */
public final class ClusterSecret {
    /** Fewer bytes than this are refused: a short secret could be guessed offline from one handshake. */
    public static final int MIN_BYTES = 16;

    private final Path file;
    private final byte[] value;

    private ClusterSecret(Path file, byte[] value) {
        this.file = file;
        this.value = value;
    }

    /** A secret given as a value (surrounding white space ignored). */
    public static ClusterSecret ofValue(String value) {
        Objects.requireNonNull(value, "value");
        return new ClusterSecret(null, value.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A secret kept in {@code file} (its content, surrounding white space ignored), read on {@link #bytes()}. */
    public static ClusterSecret ofFile(Path file) {
        return new ClusterSecret(Objects.requireNonNull(file, "file"), null);
    }

    /**
     * The secret's bytes.
     *
     * @throws ClusterStartException when the file cannot be read or the secret is shorter than {@link #MIN_BYTES}
     */
    public byte[] bytes() {
        byte[] bytes;
        if (file == null) {
            bytes = value.clone();
        } else {
            try {
                bytes = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip()
                        .getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                // the path only: an exception of the file system never holds the content
                throw new ClusterStartException("cannot read the cluster secret file " + file.toAbsolutePath()
                        + " (" + e.getClass().getSimpleName() + ")", null);
            }
        }
        if (bytes.length < MIN_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            throw new ClusterStartException("the cluster secret " + source() + " is shorter than " + MIN_BYTES
                    + " bytes; use e.g. `openssl rand -hex 32`", null);
        }
        return bytes;
    }

    /** The file the secret is kept in, empty for a secret given as a value. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Where the secret comes from, without the secret: a file path or "value". */
    public String source() {
        return file == null ? "(value)" : "(file " + file.toAbsolutePath() + ")";
    }

    @Override
    public String toString() {
        return "ClusterSecret" + source();
    }
}
