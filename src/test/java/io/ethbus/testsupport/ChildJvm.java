package io.ethbus.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM on the test classpath (small heap), its output in a log file under target/,
 * destroyed forcibly on {@link #close()}. Use in try-with-resources or close in a finally
 * block so that a failing test leaves no process behind.
 *
 * <pre>try (ChildJvm member = ChildJvm.start("member-1", "io.ethbus.cli.EthbusCommand", List.of(), List.of("node", "--cluster"))) { ... }</pre>
 */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code jvmArgs} (system properties etc.) and {@code args}. */
    public static ChildJvm start(String name, String mainClass, List<String> jvmArgs, List<String> args) {
        Path logDir = AnvilExtension.workDir().resolve("child-jvms");
        Path log = logDir.resolve(name + "-" + System.currentTimeMillis() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        if (jvmArgs.stream().noneMatch(a -> a.startsWith("-XX:+Use") && a.endsWith("GC"))) {
            command.add("-XX:+UseSerialGC"); // two shared cores: no parallel GC threads per child
        }
        command.add("-XX:TieredStopAtLevel=1"); // short-lived: C1 only, less compile work
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM " + name, e);
        }
    }

    /**
     * Waits until a line of the output matches {@code pattern} and returns the match; fails
     * when the process exits first or the time is up (the log's tail in the message).
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (String line : completeLines()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before printing /"
                        + pattern + "/:\n" + tail());
            }
            sleep(100);
        }
        throw new AssertionError(name + " did not print /" + pattern + "/ within " + timeout + ":\n" + tail());
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to exit, at most {@code timeout}; true when it did. */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /** The exit code; the process must have exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** kill -9: no shutdown hook runs, the cluster sees the member vanish. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the output, for failure messages. */
    public String tail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        kill();
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The lines the child has finished writing: a long line (a nonce sender prints 20 kB of
     * hashes) can be read while it is half written, and a pattern would match its first half.
     */
    private List<String> completeLines() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : text.substring(0, end).lines().toList();
        } catch (IOException e) {
            return List.of(); // not created yet, or a multi-byte character cut in half: read again next time
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
