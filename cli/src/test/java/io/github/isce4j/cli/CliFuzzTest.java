package io.github.isce4j.cli;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.model.Scalar;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;
import io.github.isce4j.train.RunLock;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad invocations generated from a table of commands × flags × bad values, and targets that are
 * missing, damaged or of the wrong kind: each must exit 2 with exactly one line on stderr, no
 * stack trace, no "(null)", no output folder left behind, and no change to any run directory or
 * model file it was pointed at.
 */
class CliFuzzTest {

    @TempDir
    static Path tmp;

    private static Path run;
    private static final Map<String, Path> TARGETS = new LinkedHashMap<>();
    private static PrintStream savedOut;
    private static PrintStream savedErr;
    private static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();
    private static int fresh;
    private static RunLock heldLock;

    @BeforeAll
    static void fixtures() throws IOException {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(ERR, true, StandardCharsets.UTF_8));
        run = tmp.resolve("good");
        assertThat(Main.run("train", "--loss", "sce", "--epochs", "1", "--train-limit", "512", "--out", run.toString()))
                .isZero();
        TARGETS.put("GOOD", run);
        TARGETS.put("EMPTY", Files.createDirectories(tmp.resolve("empty")));
        TARGETS.put("FILE", Files.writeString(tmp.resolve("a-file.txt"), "not a folder"));
        TARGETS.put("PARAMS", run.resolve("model.params"));
        TARGETS.put("TRUNCATED_PARAMS", damaged("truncated-params", "model.params"));
        TARGETS.put("TRUNCATED_CHECKPOINT", damaged("truncated-checkpoint", "checkpoint/last.ckpt"));
        Path nan = copy(run, tmp.resolve("nan-params"));
        try (NetworkClassifier c = Checkpoint.loadTrained(RunDirectory.open(nan));
                DataOutputStream out = new DataOutputStream(Files.newOutputStream(nan.resolve("model.params")))) {
            NDArray first = c.network().getParameters().valueAt(0).getArray();
            first.muli(Scalar.of(first, Float.NaN)); // loads, but every logit is NaN
            c.network().saveParameters(out);
        }
        TARGETS.put("NAN_PARAMS", nan);
        Path unfinished = copy(run, tmp.resolve("unfinished"));
        Files.delete(unfinished.resolve("model.params"));
        TARGETS.put("UNFINISHED", unfinished);
        for (String json : new String[] {
            "{",
            "null",
            "{\"training\": 5}",
            "{\"training\": {\"dataset\": \"mnist\", "
                    + "\"model\": \"lenet5\", \"loss\": \"sce\", \"epochs\": \"many\"}}"
        }) {
            Path broken = copy(run, tmp.resolve("config-" + TARGETS.size()));
            Files.writeString(broken.resolve("config.json"), json);
            TARGETS.put("CONFIG_" + TARGETS.size(), broken);
        }
        for (String pt : new String[] {"nan_logits", "int_logits", "flat_logits", "tiny_bn", "batch_of_two"}) {
            try (InputStream in =
                    CliFuzzTest.class.getResourceAsStream("/io/github/isce4j/model/torchscript/" + pt + ".pt")) {
                Files.copy(in, tmp.resolve(pt + ".pt"));
            }
            TARGETS.put(pt.toUpperCase(), tmp.resolve(pt + ".pt"));
        }
        TARGETS.put("GARBAGE_PT", Files.write(tmp.resolve("garbage.pt"), new byte[] {80, 75, 3, 4, 1, 2, 3}));
        provenanceFixtures();
        folderFixtures();
        dataFixtures();
        // reproduction folders whose timings.json (read by --dry-run) is cut short or of another shape
        String[] timings = {
            "{\"train lenet5 mnist\": {\"rateKey\": \"train",
            "[1, 2]",
            "{\"x\": {\"rateKey\": \"train lenet5 mnist\", \"units\": \"many\", \"seconds\": 1}}",
            "{\"x\": {}}"
        };
        for (int i = 0; i < timings.length; i++) {
            Path folder = Files.createDirectories(tmp.resolve("timings-" + i));
            Files.writeString(folder.resolve("timings.json"), timings[i]);
            TARGETS.put("TIMINGS_" + i, folder);
        }
    }

    /**
     * Runs whose files are not their own: another run's model.params or checkpoint copied in, a
     * config.json edited to claim another dataset.
     */
    private static void provenanceFixtures() throws IOException {
        Path other = tmp.resolve("other");
        assertThat(Main.run(
                        "train",
                        "--loss",
                        "sce",
                        "--epochs",
                        "1",
                        "--train-limit",
                        "256",
                        "--seed",
                        "1",
                        "--out",
                        other.toString()))
                .isZero();
        Path params = copy(run, tmp.resolve("other-params"));
        Files.copy(other.resolve("model.params"), params.resolve("model.params"), REPLACE_EXISTING);
        TARGETS.put("OTHER_PARAMS", params);
        Path checkpoint = copy(run, tmp.resolve("other-checkpoint"));
        Files.delete(checkpoint.resolve("model.params"));
        Files.copy(other.resolve("checkpoint/last.ckpt"), checkpoint.resolve("checkpoint/last.ckpt"), REPLACE_EXISTING);
        TARGETS.put("OTHER_CHECKPOINT", checkpoint);
        for (String dataset : new String[] {"fashion-mnist", "cifar10"}) {
            Path edited = copy(run, tmp.resolve("claims-" + dataset));
            String config = Files.readString(edited.resolve("config.json"));
            Files.writeString(
                    edited.resolve("config.json"),
                    config.replace("\"dataset\": \"mnist\"", "\"dataset\": \"" + dataset + "\""));
            TARGETS.put("CLAIMS_" + dataset.toUpperCase().replace('-', '_'), edited);
        }
        // a run from before config.json recorded checksums, edited the same way: caught by the shapes
        Path old = copy(run, tmp.resolve("old-claims-cifar10"));
        JsonObject config = JsonParser.parseString(Files.readString(old.resolve("config.json")))
                .getAsJsonObject();
        config.remove("sha256");
        config.getAsJsonObject("training").addProperty("dataset", "cifar10");
        Files.writeString(old.resolve("config.json"), config.toString());
        TARGETS.put("OLD_CLAIMS_CIFAR10", old);
    }

    /**
     * Output folders that must be refused before any work: a symbolic link loop, a folder of other
     * files, a folder whose lock another writer holds (this test process, held to the end).
     */
    private static void folderFixtures() throws IOException {
        Path loop = tmp.resolve("loop");
        Files.createSymbolicLink(loop, loop.getFileName());
        TARGETS.put("LOOP", loop);
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "my own notes");
        TARGETS.put("FOREIGN", foreign);
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        heldLock = RunLock.acquire(locked);
        TARGETS.put("LOCKED", locked);
    }

    /**
     * Data folders whose files read cleanly but are not the published ones: MNIST's files in
     * fashion-mnist/, and MNIST's files packed again with another gzip header.
     */
    private static void dataFixtures() throws IOException {
        Path fashion = Files.createDirectories(tmp.resolve("mnist-as-fashion/fashion-mnist"));
        Path repacked = Files.createDirectories(tmp.resolve("repacked/mnist"));
        for (String name : MNIST_FILES) {
            try (InputStream in = CliFuzzTest.class.getResourceAsStream("/io/github/isce4j/data/mnist/" + name)) {
                Files.copy(in, fashion.resolve(name));
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(fashion.resolve(name)));
                    OutputStream out = new GZIPOutputStream(Files.newOutputStream(repacked.resolve(name)))) {
                in.transferTo(out);
            }
        }
        TARGETS.put("MNIST_AS_FASHION", fashion.getParent());
        TARGETS.put("REPACKED", repacked.getParent());
    }

    private static final String[] MNIST_FILES = {
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz"
    };

    @AfterAll
    static void restore() {
        heldLock.close();
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** A copy of the good run with one file cut to half its length. */
    private static Path damaged(String name, String file) throws IOException {
        Path copy = copy(run, tmp.resolve(name));
        byte[] bytes = Files.readAllBytes(copy.resolve(file));
        Files.write(copy.resolve(file), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        if (file.startsWith("checkpoint")) {
            Files.delete(copy.resolve("model.params")); // unfinished, so --resume reads the checkpoint
        }
        return copy;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Small workloads, so that an invocation wrongly accepted ends in seconds and fails its row. */
    private static final Map<String, String[]> BASE = Map.of(
            "train", new String[] {"train", "--epochs", "1", "--train-limit", "256", "--out", "OUT"},
            "attack", new String[] {"attack", "GOOD", "--n", "20", "--steps", "2", "--eps", "1", "--out", "OUT"},
            "eval", new String[] {"eval", "GOOD", "--n", "20"},
            "sanity", new String[] {"sanity", "GOOD", "--n", "20", "--eps", "1", "--queries", "10", "--out", "OUT"},
            "embed", new String[] {"embed", "GOOD", "--n", "20", "--out", "OUT"},
            "bench-train",
                    new String[] {
                        "bench", "train", "--models", "lenet5", "--images", "256", "--rounds", "1", "--no-pytorch"
                    },
            "bench-attack", new String[] {"bench", "attack", "--run", "GOOD", "--n", "20"},
            "reproduce", new String[] {"reproduce", "--budget", "smoke", "--dry-run", "--out", "OUT"},
            "demo", new String[] {"demo", "--epochs", "1", "--n", "20", "--out", "OUT"});

    /** command, flag, bad values; a flag already in the base invocation has its value replaced. */
    private static final Object[][] BAD_VALUES = {
        {"train", "--epochs", "0", "-3", "abc"},
        {"train", "--batch-size", "0", "-1"},
        {"train", "--lr", "0", "-1", "nan", "inf"},
        {"train", "--seed", "x"},
        {"train", "--dataset", "imagenet"},
        {"train", "--model", "vgg"},
        {"train", "--loss", "focal"},
        {"train", "--s", "0", "-1", "nan"},
        {"train", "--m", "-0.5", "nan"},
        {"train", "--isce-variant", "both"},
        {"train", "--embedding-dim", "-1"},
        {"train", "--train-limit", "-1"},
        {"train", "--defense", "magic"},
        {"train", "--at-eps", "0.1"},
        {"train", "--out", "FILE/sub"},
        {"train", "--data-dir", "EMPTY", "MISSING"},
        {"attack", "--eps", "-1", "abc", "nan", "inf"},
        {"attack", "--steps", "0", "-2"},
        {"attack", "--attack", "pgd-l3", ""},
        {"attack", "--target", "sideways"},
        {"attack", "--protocol", "strict"},
        {"attack", "--loss", "mse"},
        {"attack", "--step-size", "-1"},
        {"attack", "--restarts", "0"},
        {"attack", "--queries", "0"},
        {"attack", "--n", "-1", "-5"},
        {"attack", "--batch-size", "0"},
        {"attack", "--seed", "x"},
        {"attack", "--out", "FILE/sub"},
        {"attack", "--dataset", "cifar10", "imagenet"},
        {"eval", "--n", "-1"},
        {"eval", "--batch-size", "0"},
        {"sanity", "--norm", "l1"},
        {"sanity", "--eps", "-1"},
        {"sanity", "--n", "-1"},
        {"sanity", "--queries", "0"},
        {"embed", "--n", "-1"},
        {"embed", "--batch-size", "0"},
        {"bench-train", "--models", "vgg"},
        {"bench-train", "--images", "5"},
        {"bench-train", "--rounds", "0"},
        {"bench-attack", "--run", "MISSING", "EMPTY"},
        {"bench-attack", "--n", "-1"},
        {"reproduce", "--only", "table9"},
        {"reproduce", "--budget", "huge"},
        {"reproduce", "--out", "FILE/sub"},
        {"demo", "--epochs", "0"},
        {"demo", "--n", "-1"},
    };

    /** Whole invocations: wrong targets, damaged files, settings that contradict a run. */
    private static final String[][] INVOCATIONS = {
        {"trian"},
        {"--frobnicate"},
        {"train", "--epoch", "1"},
        {"train", "--loss", "sce", "--s", "2", "--out", "OUT"},
        {"train", "--loss", "center", "--center-alpha", "0", "--out", "OUT"},
        {"train", "--loss", "label-smoothing", "--ls-epsilon", "1.5", "--out", "OUT"},
        {"train", "--loss", "mmc", "--mmc-c", "0", "--out", "OUT"},
        {"train", "--defense", "pgd-at", "--at-steps", "0", "--out", "OUT"},
        {"train", "--defense", "pgd-at", "--at-norm", "l3", "--out", "OUT"},
        {"train", "--defense", "pgd-at", "--at-preset", "strong", "--out", "OUT"},
        {"train", "--out", "GOOD"},
        {"train", "--resume"},
        {"train", "--resume", "--out", "EMPTY"},
        {"train", "--resume", "--out", "MISSING"},
        {"train", "--resume", "--out", "GOOD", "--loss", "isce"},
        {"train", "--resume", "--out", "GOOD", "--lr", "0.1", "--epochs", "5"},
        {"train", "--resume", "--out", "TRUNCATED_CHECKPOINT"},
        {"eval", "MISSING"},
        {"eval", "EMPTY"},
        {"eval", "FILE"},
        {"eval", "PARAMS"},
        {"eval", "TRUNCATED_PARAMS"},
        {"eval", "UNFINISHED"},
        {"eval", "CONFIG_7"},
        {"eval", "CONFIG_8"},
        {"eval", "CONFIG_9"},
        {"eval", "CONFIG_10"},
        {"eval", "NAN_LOGITS", "--dataset", "mnist"},
        {"eval", "INT_LOGITS", "--dataset", "mnist"},
        {"eval", "FLAT_LOGITS", "--dataset", "mnist"},
        {"eval", "TINY_BN", "--dataset", "cifar10"},
        {"eval", "TINY_BN"},
        {"eval", "GARBAGE_PT", "--dataset", "mnist"},
        {"eval", "NAN_PARAMS"},
        {"attack", "TRUNCATED_PARAMS", "--out", "OUT"},
        {"attack", "NAN_PARAMS", "--out", "OUT"},
        {"attack", "PARAMS", "--out", "OUT"},
        {"attack", "NAN_LOGITS", "--dataset", "mnist", "--n", "20", "--out", "OUT"},
        {"attack", "TINY_BN", "--dataset", "cifar10", "--n", "20", "--out", "OUT"},
        {
            "attack",
            "GOOD",
            "--attack",
            "simba-dct",
            "--simba-eps",
            "1e39",
            "--n",
            "20",
            "--queries",
            "10",
            "--out",
            "OUT"
        },
        {"attack", "BATCH_OF_TWO", "--dataset", "mnist", "--n", "20", "--batch-size", "20", "--out", "OUT"},
        {"eval", "BATCH_OF_TWO", "--dataset", "mnist", "--n", "20", "--batch-size", "3"},
        {"sanity", "UNFINISHED", "--out", "OUT"},
        {"embed", "EMPTY", "--out", "OUT"},
        {"data", "frobnicate"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--out", "TIMINGS_0"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--out", "TIMINGS_1"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--out", "TIMINGS_2"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--out", "TIMINGS_3"},
        // round two: empty list elements and contradictory flags
        {"attack", "GOOD", "--eps", ",", "--n", "20", "--out", "OUT"},
        {"attack", "GOOD", "--attack", "pgd-l2,,", "--eps", "1", "--steps", "2", "--n", "20", "--out", "OUT"},
        {"attack", "GOOD", "--steps", "2,", "--eps", "1", "--n", "20", "--out", "OUT"},
        {"attack", "GOOD", "--target", ",none", "--eps", "1", "--steps", "2", "--n", "20", "--out", "OUT"},
        {"sanity", "GOOD", "--eps", "1,2,", "--n", "20", "--queries", "10", "--out", "OUT"},
        {"reproduce", "--budget", "smoke", "--only", "table1,,", "--dry-run", "--out", "OUT"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--report-only", "--out", "OUT"},
        // the cluster's flags
        {"reproduce", "--budget", "smoke", "--only", "fig3", "--master", "local[2]", "--out", "OUT"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--executors", "4", "--out", "OUT"},
        {"reproduce", "--budget", "smoke", "--executors", "4", "--cores", "2", "--out", "OUT"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--executors", "0", "--cores", "2", "--out", "OUT"},
        {"reproduce", "--budget", "smoke", "--conf", "spark.executor.memory=4g", "--out", "OUT"},
        {"reproduce", "--budget", "smoke", "--master", "local[2]", "--report-only", "--out", "OUT"},
        {"attack", "GOOD", "--protocol", "paper", "--step-size", "0.1", "--eps", "0.02", "--steps", "2", "--out", "OUT"
        },
        {"attack", "GOOD", "--protocol", "paper", "--random-start", "--eps", "0.02", "--steps", "2", "--out", "OUT"},
        {"attack", "GOOD", "--protocol", "paper", "--restarts", "3", "--eps", "0.02", "--steps", "2", "--out", "OUT"},
        {"bench", "train", "--models", "lenet5,", "--images", "256", "--rounds", "1", "--no-pytorch"},
        {"train", "--at-preset", "madry-mnist", "--epochs", "1", "--train-limit", "256", "--out", "OUT"},
        // round two: output folders checked before any work
        {"train", "--epochs", "1", "--train-limit", "256", "--out", ""},
        {"train", "--resume", "--out", ""},
        {"attack", "GOOD", "--eps", "1", "--steps", "2", "--n", "20", "--out", ""},
        {"sanity", "GOOD", "--eps", "1,2", "--n", "20", "--queries", "10", "--out", ""},
        {"embed", "GOOD", "--n", "20", "--out", ""},
        {"reproduce", "--budget", "smoke", "--dry-run", "--out", ""},
        {"train", "--epochs", "1", "--train-limit", "256", "--out", "LOOP/run"},
        {"attack", "GOOD", "--eps", "1", "--steps", "2", "--n", "20", "--out", "LOOP/attack"},
        {"sanity", "GOOD", "--eps", "1,2", "--n", "20", "--queries", "10", "--out", "LOOP/sanity"},
        {"embed", "GOOD", "--n", "20", "--out", "LOOP/embed"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--out", "LOOP/report"},
        {"train", "--epochs", "1", "--train-limit", "256", "--out", "FOREIGN"},
        {"attack", "GOOD", "--eps", "1", "--steps", "2", "--n", "20", "--out", "FOREIGN"},
        {"sanity", "GOOD", "--eps", "1,2", "--n", "20", "--queries", "10", "--out", "FOREIGN"},
        {"embed", "GOOD", "--n", "20", "--out", "FOREIGN"},
        {"reproduce", "--budget", "smoke", "--dry-run", "--out", "FOREIGN"},
        {"attack", "GOOD", "--eps", "1", "--steps", "2", "--n", "20", "--out", "LOCKED"},
        {"sanity", "GOOD", "--eps", "1,2", "--n", "20", "--queries", "10", "--out", "LOCKED"},
        {"embed", "GOOD", "--n", "20", "--out", "LOCKED"},
        {"train", "--epochs", "1", "--train-limit", "256", "--out", "LOCKED"},
        // round two: run files that are not the run's own
        {"eval", "OTHER_PARAMS", "--n", "20"},
        {"attack", "OTHER_PARAMS", "--eps", "1", "--steps", "2", "--n", "20", "--out", "OUT"},
        {"sanity", "OTHER_PARAMS", "--eps", "1,2", "--n", "20", "--queries", "10", "--out", "OUT"},
        {"embed", "OTHER_PARAMS", "--n", "20", "--out", "OUT"},
        {"train", "--resume", "--out", "OTHER_CHECKPOINT"},
        {"eval", "CLAIMS_FASHION_MNIST", "--n", "20"},
        {"eval", "CLAIMS_CIFAR10", "--n", "20"},
        {"attack", "CLAIMS_CIFAR10", "--eps", "1", "--steps", "2", "--n", "20", "--out", "OUT"},
        {"train", "--resume", "--out", "CLAIMS_FASHION_MNIST"},
        {"eval", "OLD_CLAIMS_CIFAR10", "--n", "20"},
        {"embed", "OLD_CLAIMS_CIFAR10", "--n", "20", "--out", "OUT"},
        // round two: data files that are not the published ones
        {"eval", "GOOD", "--n", "20", "--data-dir", "REPACKED"},
        {"attack", "GOOD", "--eps", "1", "--steps", "2", "--n", "20", "--data-dir", "REPACKED", "--out", "OUT"},
        {"train", "--epochs", "1", "--train-limit", "256", "--data-dir", "REPACKED", "--out", "OUT"},
        {
            "train",
            "--dataset",
            "fashion-mnist",
            "--epochs",
            "1",
            "--train-limit",
            "256",
            "--data-dir",
            "MNIST_AS_FASHION",
            "--out",
            "OUT"
        },
    };

    /** What the refusals of round two say: a fragment of the one line, by invocation. */
    private static final Map<String, String> SAYS = Map.ofEntries(
            Map.entry("attack GOOD --eps , --n 20 --out OUT", "--eps ',' has an empty element"),
            Map.entry(
                    "reproduce --budget smoke --dry-run --report-only --out OUT",
                    "--dry-run and --report-only contradict each other"),
            Map.entry("attack GOOD --eps 1 --steps 2 --n 20 --out ", "--out is empty"),
            Map.entry(
                    "reproduce --budget smoke --only fig3 --master local[2] --out OUT",
                    "--master needs isce4j's Spark runner on the class path"),
            Map.entry(
                    "reproduce --budget smoke --dry-run --executors 4 --out OUT",
                    "--executors and --cores go together"),
            Map.entry(
                    "reproduce --budget smoke --executors 4 --cores 2 --out OUT",
                    "--executors and --cores only shape --dry-run's estimate"),
            Map.entry(
                    "reproduce --budget smoke --dry-run --executors 0 --cores 2 --out OUT",
                    "--executors must be at least 1, got 0"),
            Map.entry(
                    "reproduce --budget smoke --conf spark.executor.memory=4g --out OUT",
                    "--conf sets Spark properties"),
            Map.entry(
                    "reproduce --budget smoke --master local[2] --report-only --out OUT",
                    "--master and --report-only contradict each other"),
            Map.entry(
                    "attack GOOD --eps 1 --steps 2 --n 20 --out LOOP/attack", "is a symbolic link that leads nowhere"),
            Map.entry("attack GOOD --eps 1 --steps 2 --n 20 --out FOREIGN", "holds other files (notes.txt)"),
            Map.entry("train --epochs 1 --train-limit 256 --out FOREIGN", "holds other files (notes.txt)"),
            Map.entry("attack GOOD --eps 1 --steps 2 --n 20 --out LOCKED", "is in use by process"),
            Map.entry("eval OTHER_PARAMS --n 20", "model.params is not the file this run wrote"),
            Map.entry("train --resume --out OTHER_CHECKPOINT", "last.ckpt is not the file this run wrote"),
            Map.entry("eval CLAIMS_FASHION_MNIST --n 20", "was edited after training"),
            Map.entry("eval OLD_CLAIMS_CIFAR10 --n 20", "where lenet5 on cifar10 (what config.json says) has"),
            Map.entry("eval GOOD --n 20 --data-dir REPACKED", "pass --allow-unverified-data"),
            Map.entry(
                    "train --dataset fashion-mnist --epochs 1 --train-limit 256 --data-dir MNIST_AS_FASHION --out OUT",
                    "(it is the MNIST file "));

    @Test
    void roundTwoRefusalsSayWhatIsWrong() {
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, String> e : SAYS.entrySet()) {
            String[] template = e.getKey().endsWith(" ")
                    ? (e.getKey() + "''").split(" ")
                    : e.getKey().split(" ");
            for (int i = 0; i < template.length; i++) {
                template[i] = template[i].equals("''") ? "" : template[i];
            }
            ERR.reset();
            int exit = Main.run(resolve(template, tmp.resolve("out-" + fresh++)));
            soft.assertThat(exit).as(e.getKey()).isEqualTo(2);
            soft.assertThat(ERR.toString(StandardCharsets.UTF_8)).as(e.getKey()).contains(e.getValue());
        }
        soft.assertAll();
    }

    @Test
    void unverifiedDataIsUsedWhenTheUserSaysSo() {
        ERR.reset();
        assertThat(Main.run(
                        "eval",
                        run.toString(),
                        "--n",
                        "20",
                        "--data-dir",
                        TARGETS.get("REPACKED").toString(),
                        "--allow-unverified-data"))
                .as("stderr: %s", ERR)
                .isZero();
    }

    @Test
    void anAttackIntoItsOwnEarlierResultsReplacesThemAndReleasesTheFolder() throws IOException {
        Path out = tmp.resolve("out-again");
        String[] attack = {"attack", run.toString(), "--eps", "1", "--steps", "2", "--n", "20", "--out", out.toString()
        };
        assertThat(Main.run(attack)).isZero();
        assertThat(Main.run(attack)).isZero();
        assertThat(out.resolve("lock")).doesNotExist();
        assertThat(out.resolve("results.png")).exists();
    }

    @Test
    void aTorchScriptFileWithoutItsDatasetIsAskedForIt() {
        ERR.reset();
        int exit = Main.run(new String[] {"eval", TARGETS.get("TINY_BN").toString()});
        assertThat(exit).isEqualTo(2);
        assertThat(ERR.toString(StandardCharsets.UTF_8).strip())
                .endsWith("name it (mnist, fashion-mnist or cifar10) with --dataset");
    }

    /** The defense's draws are shared by the clean and the attacked prediction: eps 0 changes nothing. */
    @Test
    void randomPadAtEpsZeroReportsTheCleanAccuracyAndNoSuccess() throws IOException {
        JsonObject row = attackRow("GOOD", "--defense", "random-pad", "--attack", "pgd-l2,fgsm-linf", "--eps", "0");
        assertThat(row.get("cleanAccuracy").getAsDouble()).isPositive();
        assertThat(row.get("robustAccuracy").getAsDouble())
                .isEqualTo(row.get("cleanAccuracy").getAsDouble());
        assertThat(row.get("successRate").getAsDouble()).isZero();
    }

    /** @return the first row of results.json of a small attack on the target with the extra flags */
    private static JsonObject attackRow(String target, String... flags) throws IOException {
        Path out = tmp.resolve("out-" + fresh++);
        List<String> args = new ArrayList<>(List.of(
                "attack",
                TARGETS.get(target).toString(),
                "--n",
                "50",
                "--steps",
                "5",
                "--eps",
                "1",
                "--out",
                out.toString()));
        for (int i = 0; i < flags.length; i += 2) {
            int at = args.indexOf(flags[i]);
            if (at >= 0) {
                args.set(at + 1, flags[i + 1]);
            } else {
                args.add(flags[i]);
                args.add(flags[i + 1]);
            }
        }
        ERR.reset();
        assertThat(Main.run(args.toArray(String[]::new))).as("stderr: %s", ERR).isZero();
        return JsonParser.parseString(Files.readString(out.resolve("results.json")))
                .getAsJsonObject()
                .getAsJsonArray("rows")
                .get(0)
                .getAsJsonObject();
    }

    @Test
    void anAttackNamedTwiceRunsOnce() throws IOException {
        Path out = tmp.resolve("out-twice");
        assertThat(Main.run(
                        "attack",
                        run.toString(),
                        "--attack",
                        "pgd-l2,pgd-l2",
                        "--eps",
                        "1",
                        "--steps",
                        "2",
                        "--n",
                        "20",
                        "--out",
                        out.toString()))
                .isZero();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json")))
                .getAsJsonObject();
        assertThat(json.getAsJsonArray("rows")).as("rows of results.json").hasSize(1);
    }

    @Test
    void everyBadInvocationIsOneLineExit2AndChangesNothing() {
        List<String[]> invocations = new ArrayList<>();
        for (Object[] row : BAD_VALUES) {
            for (int v = 2; v < row.length; v++) {
                invocations.add(with(BASE.get((String) row[0]), (String) row[1], (String) row[v]));
            }
        }
        invocations.addAll(List.of(INVOCATIONS));
        assertThat(invocations).hasSizeGreaterThanOrEqualTo(60);

        Map<String, String> before = digests();
        SoftAssertions soft = new SoftAssertions();
        for (String[] template : invocations) {
            Path out = tmp.resolve("out-" + fresh++);
            String[] args = resolve(template, out);
            String shown = String.join(" ", template);
            ERR.reset();
            int exit = Main.run(args);
            String[] lines = ERR.toString(StandardCharsets.UTF_8).strip().split("\n");
            soft.assertThat(exit)
                    .as("exit code of `%s`; stderr: %s", shown, ERR)
                    .isEqualTo(2);
            soft.assertThat(lines).as("stderr lines of `%s`", shown).hasSize(1);
            soft.assertThat(lines[lines.length - 1])
                    .as("`%s`", shown)
                    .startsWith("error: ")
                    .doesNotContain("Exception")
                    .doesNotContain("(null)")
                    .doesNotContain("\tat ");
            soft.assertThat(out).as("output folder of `%s`", shown).doesNotExist();
            soft.assertThat(digests())
                    .as("run directories and models after `%s`", shown)
                    .isEqualTo(before);
        }
        soft.assertAll();
    }

    private static String[] with(String[] base, String flag, String value) {
        List<String> args = new ArrayList<>(List.of(base));
        int at = args.indexOf(flag);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.add(flag);
            args.add(value);
        }
        return args.toArray(String[]::new);
    }

    private static String[] resolve(String[] template, Path out) {
        String[] args = new String[template.length];
        for (int i = 0; i < args.length; i++) {
            String a = template[i];
            String head = a.contains("/") ? a.substring(0, a.indexOf('/')) : a;
            String tail = a.substring(head.length());
            Path p = head.equals("OUT")
                    ? out
                    : head.equals("MISSING") ? tmp.resolve("no-such-thing") : TARGETS.get(head);
            args[i] = p == null ? a : p + tail;
        }
        return args;
    }

    /** Every fixture file's SHA-256, by path. */
    private static Map<String, String> digests() {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(p) && !tmp.relativize(p).toString().startsWith("out-")) {
                    digests.put(
                            tmp.relativize(p).toString(),
                            HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }
}
