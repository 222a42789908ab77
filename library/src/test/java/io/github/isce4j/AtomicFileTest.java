package io.github.isce4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails, a full disk above all, leaves the old file as it was and nothing half-written. */
class AtomicFileTest {

    @Test
    void aFullDiskIsOneLineNamingTheFolderAndLeavesNoPartialFile(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("results.json");
        Files.writeString(target, "the old results");
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
                    out.write(new byte[4096]); // half the file made it to disk before the device filled
                    throw new FileSystemException(target.toString(), null, "No space left on device");
                }))
                .isInstanceOf(DiskFull.class)
                .hasMessageStartingWith("no space left on the device while writing results.json in " + tmp)
                .hasMessageContaining("nothing half-written was kept")
                .hasMessageContaining("resumes from its last finished epoch")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.readString(target)).isEqualTo("the old results");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFullDiskOnARenderedPictureIsTheSame(@TempDir Path tmp) {
        Path png = tmp.resolve("results.png");
        assertThatThrownBy(() -> AtomicFile.write(png, out -> {
                    throw new IOException("write failed", new IOException("No space left on device"));
                }))
                .isInstanceOf(DiskFull.class);
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void anotherFailureStaysWhatItWas(@TempDir Path tmp) {
        Path target = tmp.resolve("a.txt");
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
                    throw new IOException("Input/output error");
                }))
                .isNotInstanceOf(DiskFull.class)
                .hasMessage("Input/output error");
        assertThat(tmp).isEmptyDirectory();
    }
}
