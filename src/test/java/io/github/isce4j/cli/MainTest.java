package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CLI end to end, in-process: help, clean errors with exit code 2, train then eval. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void assertOneCleanErrorLine(String... fragments) {
        String[] lines = stderr().strip().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("error: ").doesNotContain("Exception");
        for (String f : fragments) {
            assertThat(lines[0]).contains(f);
        }
    }

    @Test
    void helpListsTheCommands() {
        assertThat(Main.run("--help")).isZero();
        assertThat(stdout()).contains("demo", "train", "eval", "data", "bench");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"demo", "train", "eval", "data", "bench"}) {
            assertThat(Main.run(command, "--help")).as(command).isZero();
        }
        assertThat(stdout()).contains("--data-dir", "--resume", "--isce-variant");
    }

    @Test
    void badFlagsGiveOneLineAndExitCode2() {
        assertThat(Main.run("train", "--epochs", "0")).isEqualTo(2);
        assertOneCleanErrorLine("--epochs");
        err.reset();
        assertThat(Main.run("train", "--model", "vgg16")).isEqualTo(2);
        assertOneCleanErrorLine("vgg16", "lenet5");
        err.reset();
        assertThat(Main.run("train", "--loss", "isce", "--s", "-1")).isEqualTo(2);
        assertOneCleanErrorLine("s");
        err.reset();
        assertThat(Main.run("train", "--batch-size", "many")).isEqualTo(2);
        assertOneCleanErrorLine("--batch-size");
        err.reset();
        assertThat(Main.run("frobnicate")).isEqualTo(2);
        assertOneCleanErrorLine("frobnicate");
    }

    @Test
    void missingTargetsAreExplained(@TempDir Path tmp) {
        assertThat(Main.run("eval", tmp.resolve("nope").toString())).isEqualTo(2);
        assertOneCleanErrorLine("does not exist");
        err.reset();
        assertThat(Main.run("eval", tmp.toString())).isEqualTo(2);
        assertOneCleanErrorLine("not a run directory");
    }

    @Test
    void corruptDataFileIsNamed(@TempDir Path tmp) throws IOException {
        Path mnist = Files.createDirectories(tmp.resolve("mnist"));
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.write(mnist.resolve(name), new byte[] {1, 2, 3, 4, 5});
        }
        assertThat(Main.run("train", "--data-dir", tmp.toString(), "--out", tmp.resolve("run").toString()))
                .isEqualTo(2);
        assertOneCleanErrorLine("train-images-idx3-ubyte.gz");
        assertThat(tmp.resolve("run/model.params")).doesNotExist();
    }

    @Test
    void trainThenEval(@TempDir Path tmp) {
        String run = tmp.resolve("run").toString();
        assertThat(Main.run("train", "--loss", "sce", "--epochs", "1", "--train-limit", "3000", "--out", run)).isZero();
        assertThat(stdout()).contains("done: clean test accuracy");
        assertThat(Main.run("eval", run, "--n", "1000")).isZero();
        assertThat(stdout()).contains("clean accuracy:", "1,000 test images");
        assertThat(Main.run("train", "--resume", "--out", run)).isZero();
    }
}
