package io.github.isce4j.cli;

import io.github.isce4j.MemoryUsage;
import io.github.isce4j.UserError;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.train.EpochMetrics;
import io.github.isce4j.train.TrainingConfig;
import io.github.isce4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code isce bench}: throughput benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure throughput.",
            "Run it on a quiet machine: two heavy processes on the same cores each run at a fraction "
                    + "of their speed.", ""},
        subcommands = {BenchCommand.Train.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code isce bench train}. */
    @Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
            description = {"Training throughput (Adam, batch 128, I-SCE loss): median images/s over the rounds",
                "after a warm-up round, and resident memory, for LeNet-5/MNIST, CNN-8/CIFAR-10 and",
                "ResNet-32/CIFAR-10. The CIFAR-10 rows need the dataset (--data-dir, $ISCE4J_DATA or",
                "../shared/data) and are skipped with a note when it is absent.", ""})
    static final class Train implements Callable<Integer> {

        @Option(names = "--rounds", defaultValue = "4", description = "Rounds per model, the first a warm-up (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--models", defaultValue = "lenet5,cnn8,resnet32", split = ",",
                description = "Which models (default: ${DEFAULT-VALUE}).")
        List<String> models;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() {
            if (rounds < 2) {
                throw new UserError("--rounds must be >= 2 (one warm-up round plus at least one measured)");
            }
            DataLocator locator = data.locator().withSharedData();
            StringBuilder md = new StringBuilder();
            md.append("| model | dataset | images per round | median img/s | min–max img/s | RSS per round (MiB) | peak RSS (MiB) |\n");
            md.append("|---|---|---:|---:|---:|---|---:|\n");
            for (String name : models) {
                Architecture model = Architecture.parse(name);
                DatasetName dataset = model == Architecture.LENET5 ? DatasetName.MNIST : DatasetName.CIFAR10;
                if (!locator.has(dataset)) {
                    System.out.println("skipped " + model.id() + ": " + dataset.id()
                            + " not found (use --data-dir or $ISCE4J_DATA; see `isce data verify`)");
                    continue;
                }
                int images = imagesPerRound(model);
                TrainingConfig config = new TrainingConfig(dataset, model, LossConfig.ISCE_DEFAULT, 0, rounds, 128,
                        1e-3f, 0, images);
                System.out.println("== " + model.id() + " on " + dataset.id());
                List<EpochMetrics> measured = TrainingRun.benchmark(config, locator);
                md.append(row(model, dataset, images, measured));
            }
            System.out.println();
            System.out.print(md);
            return 0;
        }

        /** Smaller rounds for the slow CIFAR models keep the whole benchmark to a few minutes. */
        private static int imagesPerRound(Architecture model) {
            switch (model) {
                case LENET5: return 60_000;
                case CNN8: return 10_000;
                default: return 2_560;
            }
        }

        private static String row(Architecture model, DatasetName dataset, int images, List<EpochMetrics> rounds) {
            double[] rates = rounds.stream().skip(1).mapToDouble(EpochMetrics::imagesPerSecond).sorted().toArray();
            double median = rates.length % 2 == 1 ? rates[rates.length / 2]
                    : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
            String rss = Arrays.toString(rounds.stream().mapToLong(e -> Math.round(e.residentMiB())).toArray());
            return String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %,.0f–%,.0f | %s | %.0f |%n",
                    model.id(), dataset.id(), images, median, rates[0], rates[rates.length - 1], rss,
                    MemoryUsage.peakResidentMiB());
        }
    }
}
