package io.ethbus.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ethbus node} refuses a configuration it cannot serve as bad usage, before starting anything. */
class NodeCommandTest {
    private record Run(int exitCode, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = EthbusCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), err.toString());
    }

    @Test
    void badConfigurationIsExitTwoWithOneLine(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("broken.json"), "{ not json");
        Path badUrl = Files.writeString(dir.resolve("ftp.json"),
                "{\"endpoints\": {\"main\": {\"url\": \"ftp://user:pa55w0rd@x/v3/KEY123\"}}}");
        Path badLayer = Files.writeString(dir.resolve("layer.json"),
                "{\"endpoints\": {\"main\": {\"url\": \"http://127.0.0.1:8545\", \"middleware\": {\"retry\": 3}}}}");
        for (Path config : new Path[]{notJson, badUrl, badLayer, dir.resolve("missing.json")}) {
            Run run = run("node", "--config", config.toString());
            String what = config.getFileName() + " -> " + run.err();
            assertEquals(2, run.exitCode(), what);
            assertTrue(run.err().startsWith("ethbus: configuration"), what);
            assertEquals(1, run.err().strip().lines().count(), what);
            assertFalse(run.err().contains("pa55w0rd") || run.err().contains("KEY123"), what);
        }
        assertTrue(run("node", "--config", badLayer.toString()).err().contains("middleware 'retry' must be true, false"));
    }
}
