package io.github.isce4j.cli;

import io.github.isce4j.AtomicFile;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.train.TrainingConfig;
import io.github.isce4j.train.TrainingResult;
import io.github.isce4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code isce demo}: LeNet-5 on MNIST with SCE and with I-SCE, side by side. */
@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Train LeNet-5 on MNIST with SCE and with I-SCE and compare them.",
            "I-SCE uses the paper variant, s = 1, m = 0.1. Prints both clean accuracies and the training "
                    + "speed. Works offline: MNIST ships with isce4j. Finished runs are reused and "
                    + "interrupted ones resumed, so running it again is cheap.", ""})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs per model (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR",
            description = "Where the run directories go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        List<TrainingResult> results = new ArrayList<>();
        for (LossConfig loss : List.of(LossConfig.SCE, LossConfig.ISCE_DEFAULT)) {
            TrainingConfig config = new TrainingConfig(DatasetName.MNIST, Architecture.LENET5, loss,
                    0, epochs, 128, 1e-3f, seed, 0);
            System.out.println("== training LeNet-5 on MNIST with " + loss.describe());
            results.add(TrainingRun.ensure(config, out.resolve("lenet5-" + loss.name().id()), data.locator(), System.out));
        }
        String table = table(results);
        System.out.println();
        System.out.print(table);
        AtomicFile.writeString(out.resolve("summary.md"), table);
        System.out.println();
        System.out.println("Run directories: " + results.get(0).dir() + ", " + results.get(1).dir()
                + "; this table: " + out.resolve("summary.md"));
        return 0;
    }

    private String table(List<TrainingResult> results) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "LeNet-5 on MNIST, %d epochs, Adam lr 1e-3, batch 128, seed %d, "
                + "clean accuracy on the 10,000 test images%n%n", epochs, seed));
        md.append("| loss | clean test accuracy | training speed (median img/s) | training time | RSS after last epoch |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (TrainingResult r : results) {
            double seconds = r.epochs().stream().mapToDouble(e -> e.seconds()).sum();
            md.append(String.format(Locale.ROOT, "| %s | %.2f %% | %,.0f | %.0f s | %.0f MiB |%n",
                    r.config().loss().describe(), 100 * r.testAccuracy(), r.medianImagesPerSecond(),
                    seconds, r.finalResidentMiB()));
        }
        return md.toString();
    }
}
