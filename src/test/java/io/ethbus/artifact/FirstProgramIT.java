package io.ethbus.artifact;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A new user's first program ({@code src/it/first-program}), built by Maven from a temporary
 * directory against the artifact this build packaged, as a repository serves it: its
 * dependencies are the library's only (no crawler, cluster, CLI or logging binding), and it
 * runs from there, starting a dev chain and asking it for the chain id. Runs after
 * {@code package} (surefire execution "first-program", phase integration-test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstProgramIT {
    // jars only the crawler, the cluster, the command or blob transactions need, and logging bindings
    private static final List<String> NOT_FOR_LIBRARY_USERS = List.of(
            "hazelcast", "bucket4j", "picocli", "progressbar", "parquet", "hadoop", "jc-kzg", "slf4j-nop", "slf4j-simple");
    private static final long MAVEN_TIMEOUT_SECONDS = 300;

    private Path project;
    private List<String> classpath;

    @BeforeAll
    void buildTheFirstProgram(@TempDir Path tmp) throws Exception {
        // `mvn test -Dtest=FirstProgramIT` selects it in the test phase too, before there is a jar
        assumeTrue(System.getProperty("ethbus.it.jar") != null, "runs in the first-program execution, after package");
        String version = required("ethbus.it.version");
        Path repository = tmp.resolve("repository");
        install(Path.of(required("ethbus.it.jar")), Path.of("pom.xml"), version, repository);
        Path settings = settings(tmp.resolve("settings.xml"), repository, tmp.resolve("local-repository"),
                Path.of(required("ethbus.it.maven.repo")));
        project = tmp.resolve("first-program");
        copyTree(Path.of("src", "it", "first-program"), project);
        Path classpathFile = project.resolve("classpath.txt");
        // a short-lived Maven: C1 only starts it faster
        Map<String, String> quickJvm = Map.of("MAVEN_OPTS", "-XX:TieredStopAtLevel=1");
        Result build = run(project, quickJvm, List.of(maven(), "-B", "-q", "-s", settings.toString(),
                "-Dethbus.version=" + version, "compile",
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime"), MAVEN_TIMEOUT_SECONDS);
        assertEquals(0, build.exitCode(), "mvn failed:\n" + build.output());
        classpath = Arrays.stream(Files.readString(classpathFile).strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank()).toList();
    }

    @Test
    void getsTheLibraryWithoutCrawlerClusterCommandOrLoggingBinding() throws IOException {
        long bytes = 0;
        for (String jar : classpath) {
            String name = Path.of(jar).getFileName().toString();
            assertTrue(NOT_FOR_LIBRARY_USERS.stream().noneMatch(name::contains), "a library user gets " + name);
            bytes += Files.size(Path.of(jar));
        }
        assertTrue(classpath.stream().anyMatch(j -> j.contains("ethbus")), "no ethbus jar in " + classpath);
        System.out.printf("[artifact] a project depending on io.ethbus:ethbus gets %d jars, %.1f MB%n",
                classpath.size(), bytes / 1e6);
    }

    @Test
    void runsFromItsOwnDirectoryAgainstADevChain() throws Exception {
        List<String> runClasspath = new ArrayList<>(classpath);
        runClasspath.add(0, project.resolve("target").resolve("classes").toString());
        // the checkout's anvil: the build installed it, this test need not download it again
        Map<String, String> env = Map.of("ETHBUS_DEVCHAIN_DIR", Path.of("tools", "devchain").toAbsolutePath().toString());
        Result run = run(project, env, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, runClasspath), "example.FirstProgram"), 120);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("chain 31337, head block 0"), run.output());
        assertFalse(run.output().contains("SLF4J"), "logging warnings at start:\n" + run.output());
    }

    @Test
    void readmeShowsTheProgramTheBuildRuns() throws IOException {
        String program = Files.readString(Path.of("src", "it", "first-program", "src", "main", "java", "example", "FirstProgram.java"));
        assertTrue(Files.readString(Path.of("README.md")).contains(program.strip()),
                "README's first program differs from src/it/first-program");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (pom.xml, surefire execution first-program)");
        }
        return value;
    }

    // the layout `mvn install` writes, in a repository of its own: what a user's build resolves
    private static void install(Path jar, Path pom, String version, Path repository) throws IOException {
        Path dir = repository.resolve(Path.of("io", "ethbus", "ethbus", version));
        Files.createDirectories(dir);
        Files.copy(jar, dir.resolve("ethbus-" + version + ".jar"));
        Files.copy(pom, dir.resolve("ethbus-" + version + ".pom"));
    }

    // A fresh local repository; everything but ethbus comes from this build's own local repository
    // (as a file mirror), so that the build needs no network and sees no ethbus installed earlier.
    private static Path settings(Path file, Path repository, Path localRepository, Path buildRepository) throws IOException {
        Files.writeString(file, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>build-repository</id><mirrorOf>*,!ethbus-under-test</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>ethbus-under-test</id>
                      <repositories>
                        <repository><id>ethbus-under-test</id><url>%s</url></repository>
                      </repositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>ethbus-under-test</activeProfile></activeProfiles>
                </settings>
                """.formatted(localRepository, buildRepository.toUri(), repository.toUri()));
        return file;
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        String executable = windows ? "mvn.cmd" : "mvn";
        return home == null || home.isBlank() ? executable : Path.of(home, "bin", executable).toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Result run(Path dir, Map<String, String> env, List<String> command, long timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path log = Files.createTempFile(dir, "run", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
