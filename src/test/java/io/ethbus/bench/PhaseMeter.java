package io.ethbus.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Times a pass and takes the CPU used by this JVM and by the node process around it. The
 * JVM's whole process CPU is the client's: during a pass only the client under test works
 * here, and GC and JIT threads it makes busy are part of its cost.
 */
final class PhaseMeter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ProcessHandle node;

    PhaseMeter(ProcessHandle node) {
        this.node = node;
    }

    /** A meter whose node is the anvil this JVM started (a DevChain's child process). */
    static PhaseMeter ofChildAnvil() {
        return new PhaseMeter(ProcessHandle.current().children()
                .filter(p -> p.info().command().orElse("").contains("anvil")).findFirst()
                .orElseThrow(() -> new IllegalStateException("anvil is not a child of this JVM")));
    }

    Measurement measure(String client, String setting, Callable<Load> pass) throws Exception {
        long cpu0 = os.getProcessCpuTime();
        long node0 = nodeCpuNanos();
        long t0 = System.nanoTime();
        Load load = pass.call();
        long wall = System.nanoTime() - t0;
        return new Measurement(client, setting, load, wall, os.getProcessCpuTime() - cpu0, nodeCpuNanos() - node0);
    }

    private long nodeCpuNanos() {
        return node.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
