package io.github.isce4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.UserError;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.Target;
import io.github.isce4j.model.Accuracy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code isce eval}: clean test accuracy of a run directory or a TorchScript file. */
@Command(name = "eval", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Print the clean test accuracy of a run directory or a TorchScript file.",
            "A TorchScript module must map [0, 1] NCHW images to logits.", ""},
        footer = {"", "Examples:", "  isce eval runs/lenet5-isce", "  isce eval model.pt --dataset cifar10 --n 1000"})
final class EvalCommand implements Callable<Integer> {

    @Mixin
    TargetOption target;

    @Option(names = "--n", defaultValue = "0", paramLabel = "N",
            description = "Evaluate the first N test images in file order; 0 = all (default).")
    int limit;

    @Option(names = "--batch-size", defaultValue = "500", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        if (limit < 0 || batchSize < 1) {
            throw new UserError("--n must be >= 0 and --batch-size >= 1");
        }
        try (Target t = target.open();
                NDManager manager = NDManager.newBaseManager()) {
            ImageSet test = data.testImages(t.dataset(), limit > 0 ? limit : Integer.MAX_VALUE);
            long start = System.nanoTime();
            double accuracy = Accuracy.of(t.classifier(), test.images(manager), test.labelArray(manager), batchSize);
            double seconds = (System.nanoTime() - start) / 1e9;
            String which = test.note().isEmpty() ? String.format(Locale.ROOT, "%,d test images", test.size()) : test.note();
            System.out.printf(Locale.ROOT, "%s%nclean accuracy: %.2f%% on %s of %s (%.1f s, %,.0f img/s)%n",
                    t.classifier().description(), 100 * accuracy, which, t.dataset().id(), seconds, test.size() / seconds);
        }
        return 0;
    }
}
