package io.github.isce4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.github.isce4j.MemoryUsage;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.DeepFoolSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.SimBaSpec;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.AttackRow;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.eval.Target;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.train.EpochMetrics;
import io.github.isce4j.train.RunDirectory;
import io.github.isce4j.train.TrainingConfig;
import io.github.isce4j.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code isce bench}: throughput benchmarks. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure throughput.",
            "Run it on a quiet machine: two heavy processes on the same cores each run at a fraction "
                    + "of their speed.",
            ""
        },
        subcommands = {BenchCommand.Train.class, BenchCommand.AttackSpeed.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code isce bench train}. */
    @Command(
            name = "train",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            description = {
                "Training throughput (Adam, batch 128, I-SCE loss).",
                "Median images/s over the rounds after a warm-up round, and resident memory, for "
                        + "LeNet-5/MNIST, CNN-8/CIFAR-10 and ResNet-32/CIFAR-10. The CIFAR-10 rows need the "
                        + "dataset (--data-dir, $ISCE4J_DATA or ~/.cache/isce4j) and are skipped with a note when "
                        + "it is absent. When /usr/bin/python3 has PyTorch (Debian: apt-get install python3-torch), "
                        + "the same workload (network, loss, optimiser, batch, images, threads) is also run "
                        + "there and each row shows PyTorch's median and the ratio.",
                ""
            })
    static final class Train implements Callable<Integer> {

        private static final int BATCH = 128;

        @Option(
                names = "--rounds",
                defaultValue = "4",
                description = "Rounds per model, the first a warm-up (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--models",
                defaultValue = "lenet5,cnn8,resnet32",
                split = ",",
                description = "Which models (default: ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(
                names = "--images",
                paramLabel = "N",
                description = "Training images per round for every model "
                        + "(default: 60,000 for LeNet-5, 10,000 for CNN-8, 2,560 for ResNet-32).")
        Integer images;

        @Option(names = "--no-pytorch", description = "Do not run the PyTorch side even when it is installed.")
        boolean noPyTorch;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() throws Exception {
            if (rounds < 2) {
                throw new UserError("--rounds must be >= 2 (one warm-up round plus at least one measured)");
            }
            if (images != null && images < BATCH) {
                throw new UserError("--images must be >= " + BATCH + " (one batch), got " + images);
            }
            DataLocator locator = data.locator();
            Optional<PyTorchBaseline> pytorch = noPyTorch ? Optional.empty() : PyTorchBaseline.find();
            System.out.println(pytorch.map(p -> "PyTorch " + p.version() + " found at " + PyTorchBaseline.PYTHON
                            + ": each model is also trained there")
                    .orElse(
                            noPyTorch
                                    ? "PyTorch side off (--no-pytorch)"
                                    : "no PyTorch at " + PyTorchBaseline.PYTHON
                                            + " (apt-get install python3-torch): isce4j rows only"));
            DataOptions.printSources(
                    locator,
                    models.stream()
                            .map(m -> dataset(Architecture.parse(m)))
                            .distinct()
                            .filter(locator::has)
                            .toList(),
                    Split.TRAIN);
            StringBuilder md = new StringBuilder();
            md.append(
                    "| model | dataset | images per round | median img/s | min–max img/s | RSS per round (MiB) | peak RSS (MiB) "
                            + "| PyTorch median img/s | isce4j / PyTorch |\n");
            md.append("|---|---|---:|---:|---:|---|---:|---:|---:|\n");
            for (String name : models) {
                Architecture model = Architecture.parse(name);
                DatasetName dataset = dataset(model);
                if (!locator.has(dataset)) {
                    System.out.println("skipped " + model.id() + ": " + dataset.id()
                            + " not found (use --data-dir or $ISCE4J_DATA; see `isce data verify`)");
                    continue;
                }
                ImageSet train = locator.load(dataset, Split.TRAIN);
                int n = Math.min(images == null ? imagesPerRound(model) : images, train.size());
                TrainingConfig config = TrainingConfig.builder()
                        .setDataset(dataset)
                        .setModel(model)
                        .setLoss(IsceConfig.DEFAULT)
                        .optEpochs(rounds)
                        .optBatchSize(BATCH)
                        .optTrainLimit(n)
                        .build();
                System.out.println("== " + model.id() + " on " + dataset.id() + ", isce4j");
                List<EpochMetrics> measured = TrainingRun.benchmark(config, locator);
                double[] theirs = null;
                if (pytorch.isPresent()) {
                    System.out.println("== " + model.id() + " on " + dataset.id() + ", PyTorch");
                    theirs =
                            pytorch.get().rates(model, train.first(n), rounds, BATCH, JniUtils.getNumThreads()).stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray();
                    System.out.printf(
                            Locale.ROOT,
                            "PyTorch rounds (img/s): %s%n",
                            Arrays.toString(
                                    Arrays.stream(theirs).map(Math::rint).toArray()));
                }
                md.append(row(model, dataset, n, measured, theirs));
            }
            System.out.println();
            System.out.print(md);
            return 0;
        }

        /** LeNet-5 is measured on MNIST, the others on CIFAR-10. */
        private static DatasetName dataset(Architecture model) {
            return model == Architecture.LENET5 ? DatasetName.MNIST : DatasetName.CIFAR10;
        }

        /** Smaller rounds for the slow CIFAR models keep the whole benchmark to a few minutes. */
        private static int imagesPerRound(Architecture model) {
            switch (model) {
                case LENET5:
                    return 60_000;
                case CNN8:
                    return 10_000;
                default:
                    return 2_560;
            }
        }

        private static String row(
                Architecture model, DatasetName dataset, int images, List<EpochMetrics> rounds, double[] theirs) {
            double[] measured = afterWarmUp(
                    rounds.stream().mapToDouble(EpochMetrics::imagesPerSecond).toArray());
            double median = median(measured);
            String rss = Arrays.toString(
                    rounds.stream().mapToLong(e -> Math.round(e.residentMiB())).toArray());
            double pytorchMedian = theirs == null ? Double.NaN : median(afterWarmUp(theirs));
            String pytorch = theirs == null
                    ? "– | –"
                    : String.format(Locale.ROOT, "%,.0f | %.2f×", pytorchMedian, median / pytorchMedian);
            return String.format(
                    Locale.ROOT,
                    "| %s | %s | %,d | %,.0f | %,.0f–%,.0f | %s | %.0f | %s |%n",
                    model.id(),
                    dataset.id(),
                    images,
                    median,
                    measured[0],
                    measured[measured.length - 1],
                    rss,
                    MemoryUsage.peakResidentMiB(),
                    pytorch);
        }

        /** The rounds after the first, sorted. */
        private static double[] afterWarmUp(double[] rates) {
            return Arrays.stream(rates).skip(1).sorted().toArray();
        }

        private static double median(double[] sorted) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    /** {@code isce bench attack}. */
    @Command(
            name = "attack",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            description = {
                "Attack throughput on LeNet-5/MNIST.",
                "Images/s for PGD-L2 (50 steps, eps 1, CE loss), DeepFool, SimBA-DCT (300 queries) and "
                        + "AutoAttack's standard cascade (L∞ eps 0.1 and L2 eps 1; images/s counts every image, "
                        + "broken by an early stage or not) on the first N test images, after a warm-up. The model is "
                        + "the run given with --run, or a "
                        + "LeNet-5 trained for one epoch with SCE into runs/bench/lenet5-sce.",
                ""
            })
    static final class AttackSpeed implements Callable<Integer> {

        @Mixin
        TestImagesOption images = new TestImagesOption(1000);

        @Option(names = "--run", paramLabel = "DIR", description = "A LeNet-5 MNIST run directory to attack.")
        Path run;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() throws Exception {
            images.check();
            Path dir = run;
            if (dir != null
                    && Files.isDirectory(dir)
                    && RunDirectory.open(dir).readConfig().dataset() != DatasetName.MNIST) {
                throw new UserError("bench attack measures on MNIST, and " + dir + " was trained on "
                        + RunDirectory.open(dir).readConfig().dataset().id()
                        + "; pass --run with a run trained on mnist");
            }
            if (dir == null) {
                dir = Path.of("runs", "bench", "lenet5-sce");
                TrainingConfig config = TrainingConfig.builder()
                        .setDataset(DatasetName.MNIST)
                        .setModel(Architecture.LENET5)
                        .setLoss(SceConfig.DEFAULT)
                        .optEpochs(1)
                        .build();
                TrainingRun.ensure(config, dir, data.locator(), System.out);
            }
            List<AttackSpec> attacks = List.of(
                    PgdSpec.l2(1).steps(50).losses(AttackLoss.CE).build(),
                    new DeepFoolSpec(),
                    SimBaSpec.dct().queries(300).build(),
                    AutoAttackSpec.standard(Norm.LINF, 0.1),
                    AutoAttackSpec.standard(Norm.L2, 1.0));
            StringBuilder md = new StringBuilder(
                    "| attack | images | seconds | img/s | robust accuracy |\n|---|---:|---:|---:|---:|\n");
            try (Target t = Target.open(dir, DatasetName.MNIST);
                    NDManager manager = NDManager.newBaseManager()) {
                ImageSet test = images.load(data, DatasetName.MNIST);
                RobustnessEvaluation evaluation = new RobustnessEvaluation(
                        t.classifier(), test.images(manager), test.labelArray(manager), images.batchSize, 0);
                for (AttackSpec attack : attacks) {
                    AttackPlan plan = AttackPlan.of(attack);
                    evaluation.run(plan); // warm-up
                    AttackRow row = evaluation.run(plan).row(attack);
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %,d | %.2f | %,.0f | %.2f %% |%n",
                            attack.label(),
                            row.images(),
                            row.seconds(),
                            row.imagesPerSecond(),
                            100 * row.robustAccuracy()));
                }
            }
            System.out.println();
            System.out.print(md);
            return 0;
        }
    }
}
