package io.ethbus.devchain;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local anvil dev chain on a free loopback port, reachable over HTTP, WebSocket (same
 * port) and IPC, for tests, examples and the {@code ethbus} command.
 *
 * <p>Starting and closing block the calling thread (a process launch, a wait for anvil's
 * "Listening on" line, one HTTP request): call them from a main or test thread, never from a
 * Vert.x event loop. A JVM shutdown hook stops anvil should the JVM exit without
 * {@link #close()}.
 *
 * <pre>
 * try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target")))) {
 *     HttpProviderOptions.of(chain.httpUrl());
 * }
 * </pre>
 */
public final class DevChain implements AutoCloseable {
    private static final int PORT_ATTEMPTS = 5;
    // sun_path is 108 bytes on Linux and 104 on macOS; stay below both
    private static final int MAX_SOCKET_PATH = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final Process process;
    private final int port;
    private final Path ipcPath;
    private final Path logFile;
    private final Path ownedTempDir;
    private final Path stateCache;
    private final Thread drainer;
    private final Thread shutdownHook;
    private final long chainId;
    private final List<String> accounts;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevChain(Launched launched, long chainId, List<String> accounts) {
        this.process = launched.process();
        this.port = launched.port();
        this.ipcPath = launched.ipcPath();
        this.logFile = launched.console().logFile();
        this.ownedTempDir = launched.ownedTempDir();
        this.stateCache = launched.stateCache();
        this.drainer = launched.drainer();
        this.shutdownHook = launched.shutdownHook();
        this.chainId = chainId;
        this.accounts = List.copyOf(accounts);
    }

    /**
     * Starts anvil and returns once it answers {@code eth_chainId}. Blocks; not for an event loop.
     *
     * @throws AnvilNotFoundException when the binary is not installed
     * @throws DevChainException      when anvil does not start or answer within the timeout
     */
    public static DevChain start(DevChainOptions options) {
        AnvilBinary anvil = options.anvil() != null ? options.anvil() : AnvilBinary.locate();
        Path workDir = options.workDir().toAbsolutePath();
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        Path tempDir = null;
        String lastFailure = "";
        try {
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int port = freeLoopbackPort();
                Path ipcPath = workDir.resolve("anvil-" + port + ".ipc");
                if (ipcPath.toString().length() > MAX_SOCKET_PATH) {
                    tempDir = tempDir != null ? tempDir : createTempDir();
                    ipcPath = tempDir.resolve("anvil-" + port + ".ipc");
                }
                Launched launched = launch(anvil, options, workDir, port, ipcPath, tempDir);
                AnvilConsole.Launch launch = launched.awaitListening(deadline, options.startTimeout());
                if (launch.listening()) {
                    return verified(launched, launch, options, deadline);
                }
                launched.stop();
                lastFailure = launch.outputTail();
                // another process took the port between our probe and anvil's bind: try another
                if (!lastFailure.contains("Address already in use")) {
                    throw new DevChainException("anvil exited with code " + exitCode(launched.process())
                            + " before listening; log " + launched.console().logFile() + ":\n" + lastFailure);
                }
            }
            throw new DevChainException("anvil could not bind a free port in " + PORT_ATTEMPTS + " attempts:\n" + lastFailure);
        } catch (RuntimeException e) {
            deleteTempDir(tempDir);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code ws://127.0.0.1:<port>}: anvil serves WebSocket on the HTTP port. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port;
    }

    /** The port for both HTTP and WebSocket. */
    public int port() {
        return port;
    }

    /** The IPC (Unix-domain socket) path anvil listens on. */
    public Path ipcPath() {
        return ipcPath;
    }

    /** The chain id anvil reported. */
    public long chainId() {
        return chainId;
    }

    /** The funded dev accounts, as 0x-prefixed hex addresses. */
    public List<String> accounts() {
        return accounts;
    }

    /** Where anvil's output goes. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the anvil process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops anvil: asks it to exit, waits a bounded time, then kills it. Idempotent. Blocks;
     * not for an event loop.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it stops the process too
        }
        stop(process, stateCache);
        joinQuietly(drainer);
        try {
            Files.deleteIfExists(ipcPath);
        } catch (IOException ignored) {
            // a stale socket file is harmless: the next start picks another name
        }
        deleteTempDir(ownedTempDir);
    }

    @Override
    public String toString() {
        return "DevChain[" + httpUrl() + ", ipc " + ipcPath + ", chain " + chainId + (closed.get() ? ", closed]" : "]");
    }

    private static DevChain verified(Launched launched, AnvilConsole.Launch launch, DevChainOptions options, long deadline) {
        try {
            String url = "http://127.0.0.1:" + launched.port();
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
            JsonNode chainIdHex = call(url, RpcMethod.ETH_CHAIN_ID.wireName(), left);
            long chainId = Long.parseLong(chainIdHex.asText().substring(2), 16);
            if (chainId != options.chainId()) {
                throw new DevChainException("anvil on " + url + " reports chain id " + chainId
                        + ", expected " + options.chainId());
            }
            List<String> accounts = launch.accounts();
            if (accounts.isEmpty() && options.accounts() > 0) {
                accounts = new ArrayList<>();
                for (JsonNode a : call(url, RpcMethod.ETH_ACCOUNTS.wireName(), left)) {
                    accounts.add(a.asText());
                }
            }
            return new DevChain(launched, chainId, accounts);
        } catch (RuntimeException e) {
            launched.stop();
            throw e instanceof EthbusException ? e
                    : new DevChainException("anvil does not answer as expected; log " + launched.console().logFile(), e);
        }
    }

    private static Launched launch(AnvilBinary anvil, DevChainOptions options, Path workDir, int port,
                                   Path ipcPath, Path tempDir) {
        List<String> command = new ArrayList<>(List.of(
                anvil.path().toString(),
                "--host", "127.0.0.1",
                "--port", Integer.toString(port),
                "--ipc", ipcPath.toString(),
                "--chain-id", Long.toString(options.chainId()),
                "--accounts", Integer.toString(options.accounts()),
                // anvil moves old states to disk; by default under ~/.foundry, never removed
                // (GBs per long run), so they go next to the log and are deleted on stop
                "--cache-path", stateCache(workDir, port).toString()));
        if (options.blockTime() != null) {
            command.add("--block-time");
            command.add(Long.toString(options.blockTime().toSeconds()));
        }
        if (options.hardfork() != null) {
            command.add("--hardfork");
            command.add(options.hardfork());
        }
        Path logFile = workDir.resolve("anvil-" + port + ".log");
        Process process;
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(ipcPath);
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new DevChainException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        // registered before anything else can fail, so anvil never outlives the JVM
        Path stateCache = stateCache(workDir, port);
        Thread hook = new Thread(() -> stop(process, stateCache), "ethbus-devchain-stop-" + port);
        Runtime.getRuntime().addShutdownHook(hook);
        AnvilConsole console = new AnvilConsole(process.getInputStream(), logFile);
        Thread drainer = new Thread(console, "ethbus-devchain-output-" + port);
        drainer.setDaemon(true);
        drainer.start();
        return new Launched(process, port, ipcPath, tempDir, stateCache, console, drainer, hook);
    }

    private static JsonNode call(String url, String method, Duration timeout) {
        RpcRequest request = new RpcRequest(1, method, null);
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonRpcCodec.encode(request)))
                .build();
        try {
            byte[] body = http.send(post, HttpResponse.BodyHandlers.ofByteArray()).body();
            return JsonRpcCodec.decodeResponse(body, request, url).resultOrThrow(method, url);
        } catch (IOException e) {
            throw new DevChainException(method + " to anvil on " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevChainException("interrupted while waiting for anvil on " + url, e);
        }
    }

    private static int freeLoopbackPort() {
        // the port is free now; anvil binds it a moment later, and a lost race is retried
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevChainException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static Path stateCache(Path workDir, int port) {
        return workDir.toAbsolutePath().resolve("anvil-states-" + port);
    }

    private static void stop(Process process, Path stateCache) {
        stopProcess(process);
        deleteTree(stateCache);
    }

    /** Deletes {@code dir} and what it holds, as far as it can. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // what is left stays under the work directory, which the build cleans
        }
    }

    private static void stopProcess(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String exitCode(Process process) {
        return process.isAlive() ? "(still running)" : Integer.toString(process.exitValue());
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("ethbus-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTempDir(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // only a socket file in the system temp dir is left behind
        }
    }

    /** A started process whose launch is not yet confirmed. */
    private record Launched(Process process, int port, Path ipcPath, Path ownedTempDir, Path stateCache, AnvilConsole console,
                            Thread drainer, Thread shutdownHook) {
        AnvilConsole.Launch awaitListening(long deadline, Duration timeout) {
            try {
                return console.launch().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                stop();
                throw new DevChainException("anvil did not listen within " + timeout.toMillis() + " ms; log "
                        + console.logFile(), e);
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
                throw new DevChainException("interrupted while waiting for anvil to listen", e);
            } catch (ExecutionException e) {
                stop();
                throw new DevChainException("reading anvil's output failed; log " + console.logFile(), e.getCause());
            }
        }

        /** Stops the process and forgets the shutdown hook (nothing left to guard). */
        void stop() {
            DevChain.stop(process, stateCache);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            joinQuietly(drainer);
        }
    }
}
