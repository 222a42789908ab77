package io.github.isce4j.cli;

import io.github.isce4j.train.Version;
import picocli.CommandLine;

/** Prints the isce4j version for {@code isce --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "isce4j " + Version.ISCE4J + " (commit " + Version.COMMIT + "; DJL " + Version.DJL + ", PyTorch "
                    + Version.PYTORCH + " CPU)"
        };
    }
}
