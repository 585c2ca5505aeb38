package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The pinned Solidity compiler (solc-js from npm, {@code tools/solc}) run as
 * {@code node solc.js --standard-json}: standard JSON in on stdin, out on stdout, optimizer on,
 * for the EVM version the pinned anvil runs. Outputs are kept on disk under target/ keyed by a
 * hash of the compiler version and the whole input, so a rebuild with unchanged sources does not
 * start solc-js (a second or more each time) again; {@link SolcExtension} keeps them per JVM.
 * Blocks: for test threads only.
 *
 * @param compilerDir the npm directory holding {@code node_modules/solc}
 * @param cacheDir    where compiled outputs are kept
 */
public record Solc(Path compilerDir, Path cacheDir) {
    /** System property naming the compiler's npm directory (Maven sets it to tools/solc). */
    public static final String DIR_PROPERTY = "ethbus.solc.dir";
    /** Where the test contracts are. */
    public static final Path TEST_SOURCES = Path.of("src", "test", "resources", "solidity");
    /**
     * anvil's default hardfork (Bpo1 for anvil 1.7.1) includes every Osaka rule, and osaka is
     * solc 0.8.37's own default: named here so a later compiler does not move past the chain.
     */
    public static final String EVM_VERSION = "osaka";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** The compiler of {@code ethbus.solc.dir}, else the checkout's tools/solc; cached in target/solc-cache. */
    public static Solc pinned() {
        String dir = System.getProperty(DIR_PROPERTY, Path.of("tools", "solc").toString());
        return new Solc(Path.of(dir).toAbsolutePath(), AnvilExtension.workDir().resolve("solc-cache"));
    }

    /** Compiles every {@code .sol} file of {@code sourceDir} (file names as source units). */
    public Map<String, CompiledContract> compileDirectory(Path sourceDir) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(sourceDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sol")).toList()) {
                sources.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compile(sources);
    }

    /**
     * Compiles the given sources (unit name to text), every contract by name.
     *
     * @throws SolidityCompileException when solc reports an error, with its formatted messages
     */
    public Map<String, CompiledContract> compile(Map<String, String> sources) {
        String input = input(sources);
        JsonNode output = read(cachedOrCompiled(input));
        List<String> errors = new ArrayList<>();
        output.path("errors").forEach(e -> {
            if ("error".equals(e.path("severity").asText())) {
                errors.add(e.path("formattedMessage").asText(e.path("message").asText()));
            }
        });
        if (!errors.isEmpty()) {
            throw new SolidityCompileException("solc " + version() + " failed:\n" + String.join("\n", errors));
        }
        Map<String, CompiledContract> contracts = new LinkedHashMap<>();
        output.path("contracts").forEach(unit -> unit.fields().forEachRemaining(entry -> {
            JsonNode evm = entry.getValue().path("evm");
            contracts.put(entry.getKey(), new CompiledContract(entry.getKey(), entry.getValue().path("abi").toString(),
                    Bytes.of("0x" + evm.path("bytecode").path("object").asText()),
                    Bytes.of("0x" + evm.path("deployedBytecode").path("object").asText())));
        }));
        return contracts;
    }

    /** The pinned compiler's version, from its package.json. */
    public String version() {
        return read(readString(compilerDir.resolve("node_modules/solc/package.json"))).path("version").asText();
    }

    private String cachedOrCompiled(String input) {
        Path cached = cacheDir.resolve(sha256(version() + "\n" + input) + ".json");
        if (Files.isRegularFile(cached)) {
            return readString(cached);
        }
        String output = run(input);
        try {
            Files.createDirectories(cacheDir);
            // written aside and moved, so a concurrent build never reads half a file
            Path partial = Files.createTempFile(cacheDir, "solc-", ".partial");
            Files.writeString(partial, output);
            Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output;
    }

    private String run(String input) {
        Path solcJs = compilerDir.resolve("node_modules/solc/solc.js");
        if (!Files.isRegularFile(solcJs)) {
            throw new IllegalStateException("no solc-js at " + solcJs + ": run `npm ci` in " + compilerDir + " (the build does)");
        }
        try {
            Files.createDirectories(cacheDir);
            Path in = Files.createTempFile(cacheDir, "solc-", ".in.json");
            Path out = Files.createTempFile(cacheDir, "solc-", ".out.json");
            Path err = Files.createTempFile(cacheDir, "solc-", ".err.txt");
            try {
                Files.writeString(in, input);
                // files rather than pipes: nothing to drain while waiting, and no pipe to fill up
                Process solc = new ProcessBuilder("node", solcJs.toString(), "--standard-json")
                        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!solc.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    solc.destroyForcibly();
                    throw new IllegalStateException("solc-js did not finish within " + TIMEOUT.toSeconds() + " s");
                }
                String stdout = Files.readString(out);
                // solc-js prints a line about SMT solvers before the JSON when none is installed
                int json = stdout.indexOf('{');
                if (solc.exitValue() != 0 || json < 0) {
                    throw new IllegalStateException("solc-js exited with " + solc.exitValue() + ": " + Files.readString(err) + stdout);
                }
                return stdout.substring(json);
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solc-js ran", e);
        }
    }

    private static String input(Map<String, String> sources) {
        ObjectMapper mapper = JsonRpcCodec.mapper();
        ObjectNode input = mapper.createObjectNode().put("language", "Solidity");
        ObjectNode units = input.putObject("sources");
        new TreeMap<>(sources).forEach((name, text) -> units.putObject(name).put("content", text));
        ObjectNode settings = input.putObject("settings");
        settings.putObject("optimizer").put("enabled", true).put("runs", 200);
        settings.put("evmVersion", EVM_VERSION);
        settings.putObject("outputSelection").putObject("*").putArray("*")
                .add("abi").add("evm.bytecode.object").add("evm.deployedBytecode.object");
        return input.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JsonRpcCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
