package io.github.isce4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The isce4j version, filled in by Maven at build time. */
public final class Version {

    /** e.g. {@code 0.1.0-SNAPSHOT} */
    public static final String ISCE4J = read("version");

    /** The git commit the build was made from, "+dirty" when it had uncommitted changes; "unknown" outside git. */
    public static final String COMMIT = read("commit") + ("true".equals(read("dirty")) ? "+dirty" : "");

    /** The DJL release isce4j was built against. */
    public static final String DJL = read("djl");

    /** The libtorch release of the PyTorch natives isce4j was built with. */
    public static final String PYTORCH = read("pytorch");

    private Version() {}

    private static String read(String key) {
        try (InputStream in = Version.class.getResourceAsStream("/io/github/isce4j/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String value = p.getProperty(key, "unknown");
            // an unfilled placeholder means the build could not see a git checkout
            return value.startsWith("${") ? "unknown" : value;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
