package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(stdout()).contains("demo", "train", "eval", "attack", "sanity", "embed", "data", "bench");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"demo", "train", "eval", "attack", "sanity", "embed", "data", "bench"}) {
            assertThat(Main.run(command, "--help")).as(command).isZero();
        }
        assertThat(stdout())
                .contains(
                        "--data-dir",
                        "--resume",
                        "--isce-variant",
                        "--ls-epsilon",
                        "--center-lambda",
                        "--center-alpha",
                        "--lgm-alpha",
                        "--lgm-lambda",
                        "--arcface-s",
                        "--arcface-m",
                        "--mmc-c");
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
        assertOneCleanErrorLine("--s must be a finite number > 0, got -1.0");
        err.reset();
        assertThat(Main.run("train", "--batch-size", "many")).isEqualTo(2);
        assertOneCleanErrorLine("--batch-size");
        err.reset();
        assertThat(Main.run("train", "--loss", "triplet")).isEqualTo(2);
        assertOneCleanErrorLine("triplet", "sce, isce, label-smoothing, center, lgm, arcface, mmc");
        err.reset();
        assertThat(Main.run("train", "--loss", "mmc", "--embedding-dim", "3")).isEqualTo(2);
        assertOneCleanErrorLine("--loss mmc", "at least 10");
        err.reset();
        assertThat(Main.run("train", "--loss", "arcface", "--arcface-s", "0")).isEqualTo(2);
        assertOneCleanErrorLine("--arcface-s");
        err.reset();
        assertThat(Main.run("train", "--loss", "center", "--center-alpha", "2")).isEqualTo(2);
        assertOneCleanErrorLine("--center-alpha");
        err.reset();
        assertThat(Main.run("embed", "--n", "-1", ".")).isEqualTo(2);
        assertOneCleanErrorLine("--n");
        err.reset();
        assertThat(Main.run("frobnicate")).isEqualTo(2);
        assertOneCleanErrorLine("frobnicate");
    }

    @Test
    void badAttackRequestsGiveOneLineAndExitCode2(@TempDir Path tmp) {
        String target = tmp.toString();
        assertThat(Main.run("attack", target, "--attack", "cw")).isEqualTo(2);
        assertOneCleanErrorLine("unknown attack 'cw'");
        err.reset();
        assertThat(Main.run("attack", target, "--attack", "deepfool", "--protocol", "paper"))
                .isEqualTo(2);
        assertOneCleanErrorLine("applies to pgd only");
        err.reset();
        assertThat(Main.run("attack", target, "--eps", "-1")).isEqualTo(2);
        assertOneCleanErrorLine("--eps");
        err.reset();
        assertThat(Main.run("attack", target, "--target", "far")).isEqualTo(2);
        assertOneCleanErrorLine("unknown target 'far'");
        err.reset();
        assertThat(Main.run("attack", tmp.resolve("nope").toString())).isEqualTo(2);
        assertOneCleanErrorLine("does not exist");
        err.reset();
        assertThat(Main.run("train", "--defense", "pgd-at", "--at-eps", "0")).isEqualTo(2);
        assertOneCleanErrorLine("--at-eps");
        err.reset();
        assertThat(Main.run("sanity", target, "--eps", "1")).isEqualTo(2);
        assertOneCleanErrorLine("at least two radii");
        err.reset();
        assertThat(Main.run("sanity", target, "--eps", "1,0.5")).isEqualTo(2);
        assertOneCleanErrorLine("increasing");
        err.reset();
        assertThat(Main.run("sanity", target, "--defense", "jpeg")).isEqualTo(2);
        assertOneCleanErrorLine("unknown defense 'jpeg'");
    }

    @Test
    void missingTargetsAreExplained(@TempDir Path tmp) {
        assertThat(Main.run("eval", tmp.resolve("nope").toString())).isEqualTo(2);
        assertOneCleanErrorLine("does not exist");
        err.reset();
        assertThat(Main.run("eval", tmp.toString())).isEqualTo(2);
        assertOneCleanErrorLine("not a run directory");
        err.reset();
        assertThat(Main.run("embed", tmp.resolve("nope").toString())).isEqualTo(2);
        assertOneCleanErrorLine("nope");
        err.reset();
        assertThat(Main.run("embed", tmp.toString())).isEqualTo(2);
        assertOneCleanErrorLine("not a run directory");
    }

    @Test
    void corruptDataFileIsNamed(@TempDir Path tmp) throws IOException {
        Path mnist = Files.createDirectories(tmp.resolve("mnist"));
        for (String name : new String[] {
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"
        }) {
            Files.write(mnist.resolve(name), new byte[] {1, 2, 3, 4, 5});
        }
        assertThat(Main.run(
                        "train",
                        "--data-dir",
                        tmp.toString(),
                        "--out",
                        tmp.resolve("run").toString()))
                .isEqualTo(2);
        assertOneCleanErrorLine("-idx3-ubyte.gz: not a gzip file");
        assertThat(tmp.resolve("run/model.params")).doesNotExist();
    }

    @Test
    void trainThenEval(@TempDir Path tmp) {
        String run = tmp.resolve("run").toString();
        assertThat(Main.run("train", "--loss", "sce", "--epochs", "1", "--train-limit", "3000", "--out", run))
                .isZero();
        assertThat(stdout()).contains("done: clean test accuracy");
        assertThat(Main.run("eval", run, "--n", "1000")).isZero();
        assertThat(stdout()).contains("clean accuracy:", "1,000 test images");
        assertThat(Main.run("train", "--resume", "--out", run)).isZero();
        // A flag typed with its default value is asked for like any other, and compared with the run's.
        err.reset();
        assertThat(Main.run("train", "--resume", "--out", run, "--loss", "isce"))
                .isEqualTo(2);
        assertOneCleanErrorLine("loss isce (the run has sce)");
        err.reset();
        assertThat(Main.run("train", "--resume", "--out", run, "--s", "1")).isEqualTo(2);
        assertOneCleanErrorLine("--s is a setting of --loss isce, not of sce (the loss of the run being resumed)");
        assertThat(Main.run("train", "--resume", "--out", run, "--loss", "sce", "--lr", "1e-3"))
                .isZero();
    }

    @Test
    void anotherLossesSettingIsRefusedNotIgnored(@TempDir Path tmp) {
        assertThat(Main.run(
                        "train",
                        "--loss",
                        "sce",
                        "--m",
                        "0.2",
                        "--out",
                        tmp.resolve("run").toString()))
                .isEqualTo(2);
        assertOneCleanErrorLine("--m is a setting of --loss isce, not of sce");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void trainThenAttackThenSanityCheck(@TempDir Path tmp) throws IOException {
        String run = tmp.resolve("run").toString();
        assertThat(Main.run("train", "--loss", "sce", "--epochs", "1", "--train-limit", "3000", "--out", run))
                .isZero();
        Path attacks = tmp.resolve("attacks");
        assertThat(Main.run(
                        "attack",
                        run,
                        "--attack",
                        "pgd-l2,deepfool,simba-dct",
                        "--eps",
                        "1,2",
                        "--steps",
                        "5",
                        "--queries",
                        "50",
                        "--n",
                        "40",
                        "--out",
                        attacks.toString()))
                .as(stderr())
                .isZero();
        assertThat(stdout())
                .contains(
                        "| pgd-l2 eps=1.0 steps=5 loss=ce+margin",
                        "| deepfool overshoot=0.02, L2 <= 2.0",
                        "| simba-dct eps=0.2 queries=50 |",
                        "Results: ");
        try (Stream<Path> files = Files.list(attacks)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("results.json", "results.csv", "results.md", "results.png");
        }
        assertThat(ImageIO.read(attacks.resolve("results.png").toFile()).getHeight())
                .isEqualTo(560);

        Path sanity = tmp.resolve("sanity");
        int exit = Main.run("sanity", run, "--eps", "1,2", "--queries", "30", "--n", "40", "--out", sanity.toString());
        // An undefended LeNet-5 masks no gradients: every check holds, so the exit code is 0.
        assertThat(exit).as("exit code; %s", stderr()).isZero();
        assertThat(stdout()).doesNotContain("FAILED");
        assertThat(stdout()).contains("| 1 | accuracy reaches ~0 % under an unbounded attack", "checks ok");
        assertThat(sanity.resolve("sanity.json")).exists();
        assertThat(sanity.resolve("sanity.png")).exists();
    }

    @Test
    void trainWithAThreeDimensionalEmbeddingThenEmbed(@TempDir Path tmp) throws IOException {
        String run = tmp.resolve("run").toString();
        assertThat(Main.run(
                        "train",
                        "--loss",
                        "center",
                        "--embedding-dim",
                        "3",
                        "--epochs",
                        "1",
                        "--train-limit",
                        "1000",
                        "--out",
                        run))
                .as(stderr())
                .isZero();
        assertThat(Main.run(
                        "embed", run, "--n", "300", "--out", tmp.resolve("emb").toString()))
                .isZero();
        assertThat(stdout()).contains("300 test images, feature h of 3 dimensions");

        List<String> csv = Files.readAllLines(tmp.resolve("emb/embedding.csv"));
        assertThat(csv).hasSize(301);
        assertThat(csv.get(0)).isEqualTo("index,label,prediction,h0,h1,h2");
        assertThat(csv.get(1).split(",")).hasSize(6).startsWith("0", "7"); // the first MNIST test image is a 7
        BufferedImage png = ImageIO.read(tmp.resolve("emb/embedding.png").toFile());
        assertThat(png.getWidth()).as("three 2-D views side by side").isEqualTo(3 * png.getHeight() * 600 / 560);
        try (Stream<Path> files = Files.list(tmp.resolve("emb"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("embedding.csv", "embedding.png");
        }
    }
}
