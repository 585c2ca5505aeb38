package io.ethbus.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version for {@code ethbus --version}, from the Maven descriptor packaged in the jar. */
final class EthbusVersion implements CommandLine.IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/io.ethbus/ethbus/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
        try (InputStream in = EthbusVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                // classes run from the build directory, not from the jar
                return new String[]{"ethbus (unpackaged build)"};
            }
            Properties pom = new Properties();
            pom.load(in);
            return new String[]{"ethbus " + pom.getProperty("version", "unknown")};
        }
    }
}
