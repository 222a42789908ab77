package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isce4j.DiskFull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A full disk met anywhere below a command is the user's to fix: one line, exit 2, not an internal error. */
class DiskFullTest {

    @Test
    void aFullDiskWrappedByALowerLayerIsFoundAsBadInput() {
        DiskFull full = new DiskFull(Path.of("runs", "x", "metrics.json"), new IOException("No space left on device"));
        Throwable wrapped = new IllegalStateException("epoch 3", new UncheckedIOException(full));
        assertThat(Main.findUserError(wrapped)).isSameAs(full);
        assertThat(full.getMessage())
                .contains("metrics.json in " + Path.of("runs", "x").toAbsolutePath());
    }

    @Test
    void anotherIoFailureStaysAnInternalError() {
        assertThat(Main.findUserError(new UncheckedIOException(new IOException("Input/output error"))))
                .isNull();
    }
}
