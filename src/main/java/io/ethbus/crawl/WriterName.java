package io.ethbus.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crawler's name in its temporary file names, made so that a later crawler can tell
 * whether the writer is gone: a label, the machine's boot (the kernel's boot id), and the
 * writer's process id and start time. A writer is gone only when it ran on this machine
 * since its last boot and its process no longer exists (or the id now belongs to a later
 * process); a writer on another machine sharing the directory is never taken for gone.
 *
 * @param label        the ledger's name for the crawler, or a random one (letters, digits, dashes)
 * @param boot         the first 8 hex digits of the boot id, or {@link #UNKNOWN_BOOT} where there is none
 * @param pid          the writer's process id
 * @param startMillis  the writer's process start, epoch milliseconds, or 0 when the system does not say
 */
public record WriterName(String label, String boot, long pid, long startMillis) {
    /** The boot of a machine without a boot id: its writers are never taken for gone. */
    public static final String UNKNOWN_BOOT = "00000000";
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Pattern TEXT = Pattern.compile("([A-Za-z0-9-]+)-([0-9a-f]{8})-p(\\d+)-t(\\d+)");

    /** This process's writer name with {@code label}. */
    public static WriterName current(String label) {
        ProcessHandle self = ProcessHandle.current();
        return new WriterName(label, thisBoot(), self.pid(), startMillis(self).orElse(0L));
    }

    /** The name as it appears in file names. */
    public String text() {
        return label + "-" + boot + "-p" + pid + "-t" + startMillis;
    }

    /** Reads a name written by {@link #text()}; empty for any other text (an older crawler's name). */
    public static Optional<WriterName> parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WriterName(m.group(1), m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when this writer certainly no longer runs: same machine and boot, and its process is gone or another. */
    public boolean isGone() {
        if (boot.equals(UNKNOWN_BOOT) || !boot.equals(thisBoot())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // the id was given to a later process: compare start times where both are known
        Optional<Long> started = startMillis(process.get());
        return startMillis != 0 && started.isPresent() && started.get() != startMillis;
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String thisBoot() {
        try {
            String id = Files.readString(BOOT_ID).strip().replace("-", "");
            return id.length() >= 8 && id.substring(0, 8).matches("[0-9a-f]{8}") ? id.substring(0, 8) : UNKNOWN_BOOT;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN_BOOT;
        }
    }
}
