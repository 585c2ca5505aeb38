package io.ethbus.bench;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;

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
 * with ratios to the JVM's defaults measured in the same run.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.CrawlMemoryBench -Dexec.args="--blocks 1000 --txs 100"</pre>
 *
 * Options: {@code --blocks N} (1000), {@code --txs N} per block (100), {@code --rounds N} (3),
 * {@code --format parquet|jsonl|csv} (parquet, the command's default), {@code --also "JAVA_OPTS"} (repeatable:
 * more settings to compare).
 */
public final class CrawlMemoryBench {
    private static final Pattern BLOCKS_PER_SECOND = Pattern.compile("([0-9.,]+) blocks/s");

    private record Pass(String setting, long rssKb, double seconds, double blocksPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        int blocks = 1000;
        int txs = 100;
        int rounds = 3;
        String format = "parquet";
        List<String> extra = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--txs" -> txs = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--format" -> format = args[i + 1];
                case "--also" -> extra.add(args[i + 1].replace('@', ' ')); // @ for a space: exec.args splits on spaces
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Path.of("").toAbsolutePath();
        Path command = root.resolve("bin/ethbus");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ethbus defaults", null);
        settings.put("JVM defaults", "-XX:MaxRAMPercentage=25");
        settings.put("-Xmx256m", "-Xmx256m"); // the heap of the side-by-side figures
        extra.forEach(opts -> settings.put(opts, opts));
        System.out.printf("crawl memory bench: %d blocks x %d transactions, %s, %d cores, %d rounds%n",
                blocks, txs, format, Runtime.getRuntime().availableProcessors(), rounds);
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-crawl-memory")))) {
            new BenchChainSeeder(chain.httpUrl(), chain.accounts()).seed(blocks, txs, false);
            List<Pass> passes = new ArrayList<>();
            Path out = Files.createTempDirectory("ethbus-crawl-memory");
            try {
                // a first pass warms the page cache and anvil, not measured
                run(command, null, chain.httpUrl(), out.resolve("warm"), "1:" + Math.max(2, blocks / 5), format, "warm-up");
                for (int r = 1; r <= rounds; r++) {
                    for (Map.Entry<String, String> s : settings.entrySet()) {
                        Path dir = out.resolve("r" + r + "-" + passes.size());
                        Pass p = run(command, s.getValue(), chain.httpUrl(), dir, "1:" + blocks, format, s.getKey());
                        System.out.printf("  %-40s %7.1f MB RSS  %6.1f blocks/s  %5.1f s%n",
                                p.setting(), p.rssKb() / 1024.0, p.blocksPerSecond(), p.seconds());
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

    private static Pass run(Path command, String javaOpts, String url, Path out, String range, String format, String setting)
            throws IOException, InterruptedException {
        Path timeFile = Files.createTempFile("ethbus-time", ".txt");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-o", timeFile.toString(), "-f", "%M %e",
                command.toString(), "crawl", "--rpc", url, "--blocks", range, "--out", out.toString(), "--format", format)
                .redirectErrorStream(true);
        pb.environment().remove("JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(setting + ": the crawl failed:\n" + output);
        }
        String[] time = Files.readString(timeFile).trim().split("\\s+");
        Files.delete(timeFile);
        Matcher m = BLOCKS_PER_SECOND.matcher(output);
        double bps = 0;
        while (m.find()) {
            bps = Double.parseDouble(m.group(1).replace(",", "")); // the summary's, the last one printed
        }
        return new Pass(setting, Long.parseLong(time[time.length - 2]), Double.parseDouble(time[time.length - 1]), bps);
    }

    private static void report(Iterable<String> settings, List<Pass> passes) {
        Pass jvm = best(passes, "JVM defaults");
        System.out.println("best pass of each setting (least RSS; most blocks/s), ratios to the JVM's defaults in this run:");
        for (String s : settings) {
            long rss = passes.stream().filter(p -> p.setting().equals(s)).mapToLong(Pass::rssKb).min().orElse(0);
            Pass fastest = best(passes, s);
            System.out.printf("  %-40s peak RSS %7.1f MB (x%.2f), %6.1f blocks/s (x%.2f)%n", s, rss / 1024.0,
                    rss / (double) passes.stream().filter(p -> p.setting().equals("JVM defaults")).mapToLong(Pass::rssKb)
                            .min().orElse(1),
                    fastest.blocksPerSecond(), fastest.blocksPerSecond() / jvm.blocksPerSecond());
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
