package io.github.isce4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The isce4j version, filled in by Maven at build time. */
public final class Version {

    /** e.g. {@code 0.1.0-SNAPSHOT} */
    public static final String ISCE4J = read();

    private Version() {}

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/io/github/isce4j/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
