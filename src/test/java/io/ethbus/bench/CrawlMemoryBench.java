package io.ethbus.bench;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.testsupport.PostgresServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Memory and speed of {@code bin/ethbus crawl} as a user runs it (not a test). Seeds a chain of
 * blocks of value transfers, then crawls it with the command in child processes under
 * {@code /usr/bin/time}, in rounds that interleave three settings so that load from other
 * processes falls on all alike: the command's defaults (no JAVA_OPTS), the JVM's own defaults
 * (a quarter of the machine's memory, what the command used before it chose a heap), and
 * {@code -Xmx256m}. Prints the peak RSS and blocks/s of each pass and the best of each setting,
 * with ratios to the JVM's defaults measured in the same run, and the largest heap left after a
 * garbage collection (from each child's GC log: the live data, what a smaller heap must hold).
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.CrawlMemoryBench -Dexec.args="--blocks 1000 --txs 100"</pre>
 *
 * Options: {@code --blocks N} (1000), {@code --txs N} per block (100), {@code --rounds N} (3),
 * {@code --format parquet|jsonl|csv} (parquet, the command's default), {@code --also "JAVA_OPTS"} (repeatable:
 * more settings to compare), {@code --datasets LIST} (the command's {@code --datasets}; commas, e.g.
 * {@code blocks,transactions,receipts,logs,traces,erc20_transfers}), {@code --out postgresql} (into a PostgreSQL
 * server started as the tests start it, a fresh database per pass, instead of files), {@code --crawl ARGS} (more
 * arguments for the command, {@code @} for a space; anvil's {@code debug_traceBlockByNumber} takes about a minute
 * a block of 100 transactions on a busy machine, its {@code trace_block} a tenth of a second):
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.CrawlMemoryBench -Dexec.args="--blocks 300 --txs 100 --out postgresql --datasets blocks,transactions,receipts,logs,traces,erc20_transfers --crawl --trace-api@trace"</pre>
 */
public final class CrawlMemoryBench {
    private static final Pattern BLOCKS_PER_SECOND = Pattern.compile("([0-9.,]+) blocks/s");
    /** A collection in the unified GC log: heap before -> after (capacity). */
    private static final Pattern HEAP_AFTER_GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    private record Pass(String setting, long rssKb, double seconds, double blocksPerSecond, long heapAfterGcMb) {
    }

    /** Where a pass writes: a directory of files, or a fresh database of a PostgreSQL server. */
    private record Target(String format, String datasets, List<String> crawlArgs, PostgresServer pg) {
        List<String> args(Path dir, int pass) {
            List<String> out = new ArrayList<>();
            if (pg == null) {
                out.addAll(List.of("--out", dir.toString(), "--format", format));
            } else {
                out.addAll(List.of("--out", pg.url(pg.createDatabase("crawl_memory_" + pass))));
            }
            if (datasets != null) {
                out.addAll(List.of("--datasets", datasets));
            }
            out.addAll(crawlArgs);
            return out;
        }
    }

    public static void main(String[] args) throws Exception {
        int blocks = 1000;
        int txs = 100;
        int rounds = 3;
        String format = "parquet";
        String datasets = null;
        boolean postgres = false;
        List<String> crawlArgs = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--txs" -> txs = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--format" -> format = args[i + 1];
                case "--datasets" -> datasets = args[i + 1];
                case "--crawl" -> crawlArgs.addAll(List.of(args[i + 1].split("@"))); // @ for a space, as with --also
                case "--out" -> postgres = switch (args[i + 1]) {
                    case "postgresql" -> true;
                    case "files" -> false;
                    default -> throw new IllegalArgumentException("--out postgresql or files");
                };
                case "--also" -> extra.add(args[i + 1].replace('@', ' ')); // @ for a space: exec.args splits on spaces
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Path.of("").toAbsolutePath();
        Path command = root.resolve("bin/ethbus");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ethbus defaults", null);
        settings.put("JVM defaults", "-XX:MaxRAMPercentage=25");
        settings.put("-Xmx256m", "-Xmx256m"); // the heap of the issue's side-by-side figures
        extra.forEach(opts -> settings.put(opts, opts));
        System.out.printf("crawl memory bench: %d blocks x %d transactions, %s, datasets %s, %d cores, %d rounds%n",
                blocks, txs, postgres ? "into PostgreSQL" : format, datasets == null ? "(default)" : datasets,
                Runtime.getRuntime().availableProcessors(), rounds);
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-crawl-memory")));
             PostgresServer pg = postgres ? PostgresServer.start() : null) {
            Target target = new Target(format, datasets, crawlArgs, pg);
            new BenchChainSeeder(chain.httpUrl(), chain.accounts()).seed(blocks, txs, false);
            List<Pass> passes = new ArrayList<>();
            Path out = Files.createTempDirectory("ethbus-crawl-memory");
            try {
                // a first pass warms the page cache and anvil, not measured
                run(command, null, chain.httpUrl(), target.args(out.resolve("warm"), 0), "1:" + Math.max(2, blocks / 5), "warm-up");
                for (int r = 1; r <= rounds; r++) {
                    for (Map.Entry<String, String> s : settings.entrySet()) {
                        Path dir = out.resolve("r" + r + "-" + passes.size());
                        Pass p = run(command, s.getValue(), chain.httpUrl(), target.args(dir, passes.size() + 1), "1:" + blocks,
                                s.getKey());
                        System.out.printf("  %-40s %7.1f MB RSS  %4d MB heap after GC  %6.1f blocks/s  %5.1f s%n",
                                p.setting(), p.rssKb() / 1024.0, p.heapAfterGcMb(), p.blocksPerSecond(), p.seconds());
                        passes.add(p);
                        deleteTree(dir);
                    }
                }
            } finally {
                deleteTree(out);
            }
            report(settings.keySet(), passes);
        }
    }

    private static Pass run(Path command, String javaOpts, String url, List<String> out, String range, String setting)
            throws IOException, InterruptedException {
        Path timeFile = Files.createTempFile("ethbus-time", ".txt");
        Path gcLog = Files.createTempFile("ethbus-gc", ".log");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%M %e",
                command.toString(), "crawl", "--rpc", url, "--blocks", range));
        cmd.addAll(out);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // no heap option in the GC log's: the command's own heap stays in force when the setting has none
        pb.environment().put("JAVA_OPTS", (javaOpts == null ? "" : javaOpts + " ") + "-Xlog:gc:file=" + gcLog);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(setting + ": the crawl failed:\n" + output);
        }
        String[] time = Files.readString(timeFile).trim().split("\\s+");
        Files.delete(timeFile);
        long heapAfterGc = 0;
        Matcher gc = HEAP_AFTER_GC.matcher(Files.readString(gcLog));
        while (gc.find()) {
            heapAfterGc = Math.max(heapAfterGc, Long.parseLong(gc.group(2)));
        }
        Files.delete(gcLog);
        Matcher m = BLOCKS_PER_SECOND.matcher(output);
        double bps = 0;
        while (m.find()) {
            bps = Double.parseDouble(m.group(1).replace(",", "")); // the summary's, the last one printed
        }
        return new Pass(setting, Long.parseLong(time[time.length - 2]), Double.parseDouble(time[time.length - 1]), bps,
                heapAfterGc);
    }

    private static void report(Iterable<String> settings, List<Pass> passes) {
        Pass jvm = best(passes, "JVM defaults");
        System.out.println("best pass of each setting (least RSS; most blocks/s), ratios to the JVM's defaults in this run:");
        for (String s : settings) {
            long rss = passes.stream().filter(p -> p.setting().equals(s)).mapToLong(Pass::rssKb).min().orElse(0);
            Pass fastest = best(passes, s);
            long heap = passes.stream().filter(p -> p.setting().equals(s)).mapToLong(Pass::heapAfterGcMb).max().orElse(0);
            System.out.printf("  %-40s peak RSS %7.1f MB (x%.2f), heap after GC at most %4d MB, %6.1f blocks/s (x%.2f)%n",
                    s, rss / 1024.0,
                    rss / (double) passes.stream().filter(p -> p.setting().equals("JVM defaults")).mapToLong(Pass::rssKb)
                            .min().orElse(1),
                    heap, fastest.blocksPerSecond(), fastest.blocksPerSecond() / jvm.blocksPerSecond());
        }
        long worstDefault = passes.stream().filter(p -> p.setting().equals("ethbus defaults")).mapToLong(Pass::rssKb).max().orElse(0);
        System.out.printf("largest RSS at the command's defaults: %.1f MB%n", worstDefault / 1024.0);
    }

    private static Pass best(List<Pass> passes, String setting) {
        return passes.stream().filter(p -> p.setting().equals(setting))
                .max(Comparator.comparingDouble(Pass::blocksPerSecond)).orElseThrow();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
