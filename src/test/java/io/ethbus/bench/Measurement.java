package io.ethbus.bench;

/**
 * One measured pass: its work, its wall time, the CPU this JVM used meanwhile (only the
 * client under test runs in it during a pass) and the CPU anvil used.
 */
record Measurement(String client, String setting, Load load, long wallNanos, long clientCpuNanos, long nodeCpuNanos) {
    double blocksPerSecond() {
        return load.blocks() * 1e9 / wallNanos;
    }

    double callsPerSecond() {
        return load.calls() * 1e9 / wallNanos;
    }

    /** Client CPU seconds per 1,000 JSON-RPC calls. */
    double cpuPerThousandCalls() {
        return clientCpuNanos / 1e9 / load.calls() * 1000;
    }

    /** Node CPU seconds per 1,000 JSON-RPC calls. */
    double nodeCpuPerThousandCalls() {
        return nodeCpuNanos / 1e9 / load.calls() * 1000;
    }

    String line() {
        return String.format("%-28s %-22s %8.1f blocks/s %8.0f calls/s %7d calls %6d http  client CPU %6.3f s/1k calls  node CPU %6.3f s/1k calls  (%d txs, %.1f s)",
                client, setting, blocksPerSecond(), callsPerSecond(), load.calls(), load.httpRequests(),
                cpuPerThousandCalls(), nodeCpuPerThousandCalls(), load.transactions(), wallNanos / 1e9);
    }
}
