package io.ethbus.devchain;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains anvil's merged stdout/stderr into a log file for the life of the process, so that
 * the pipe never fills and blocks anvil, and reports the launch: the dev accounts anvil
 * printed, then either its "Listening on" line or the end of its output.
 */
final class AnvilConsole implements Runnable {
    /** The launch as seen in the output. */
    record Launch(boolean listening, List<String> accounts, String outputTail) {
    }

    // "(0) 0xf39F...2266 (10000.000000000000000000 ETH)"; private keys are 64 hex digits, so not matched
    private static final Pattern ACCOUNT = Pattern.compile("^\\(\\d+\\) (0x[0-9a-fA-F]{40}) \\(");
    private static final String LISTENING = "Listening on";
    private static final int TAIL_LINES = 20;

    private final InputStream output;
    private final Path logFile;
    private final CompletableFuture<Launch> launch = new CompletableFuture<>();

    AnvilConsole(InputStream output, Path logFile) {
        this.output = output;
        this.logFile = logFile;
    }

    /** Completes once anvil listens, or once its output ends without it having listened. */
    CompletableFuture<Launch> launch() {
        return launch;
    }

    Path logFile() {
        return logFile;
    }

    @Override
    public void run() {
        List<String> accounts = new ArrayList<>();
        Deque<String> tail = new ArrayDeque<>(TAIL_LINES);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.newLine();
                // flushed whenever anvil pauses, so the log is readable while it runs; not per
                // line, since anvil logs every call and a write per line costs a crawl's worth of CPU
                if (!launch.isDone() || !in.ready()) {
                    log.flush();
                }
                if (launch.isDone()) {
                    continue;
                }
                if (tail.size() == TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
                Matcher m = ACCOUNT.matcher(line.strip());
                if (m.find()) {
                    accounts.add(m.group(1));
                } else if (line.contains(LISTENING)) {
                    launch.complete(new Launch(true, List.copyOf(accounts), String.join("\n", tail)));
                }
            }
        } catch (IOException e) {
            // the pipe breaks when the process is killed; when the log is what failed, keep
            // draining so that anvil never blocks on a full pipe
            tail.addLast("(output or log failed: " + e.getMessage() + ")");
            launch.complete(new Launch(false, List.copyOf(accounts), String.join("\n", tail)));
            discardRest();
        } finally {
            launch.complete(new Launch(false, List.copyOf(accounts), String.join("\n", tail)));
        }
    }

    private void discardRest() {
        try {
            output.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the process is gone
        }
    }
}
