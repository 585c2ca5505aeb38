package io.ethbus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU a server process and all its children have used, exited children included, from
 * Linux's {@code /proc/<pid>/stat}: the process's own user and system time, the time of the
 * children it has reaped (a PostgreSQL postmaster reaps each backend when its connection
 * closes), and that of the children still running. Read before and after a pass, the
 * difference is the server's CPU for the pass, which the machine's other load does not inflate
 * the way it inflates wall time.
 */
final class ServerCpu {
    /** Linux's clock ticks per second for {@code /proc} times (USER_HZ, 100 on every common kernel). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long pid;

    ServerCpu(long pid) {
        this.pid = pid;
    }

    /** CPU nanoseconds so far of the process, its reaped children and its living ones. */
    long nanos() {
        long ticks = ticks(pid, true);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(java.util.List.of())) {
            ticks += ticks(child.pid(), false);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** utime + stime, and with {@code reaped} also cutime + cstime (fields 14-17 of stat). */
    private static long ticks(long pid, boolean reaped) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            if (reaped) {
                throw new UncheckedIOException(e);
            }
            return 0; // a child that exited meanwhile (no file, or ESRCH while reading): its parent's reaped time holds it
        }
        // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): field n is f[n - 3]
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return reaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }
}
