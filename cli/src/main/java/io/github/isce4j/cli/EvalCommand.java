package io.github.isce4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.Target;
import io.github.isce4j.model.Accuracy;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code isce eval}: clean test accuracy of a run directory or a TorchScript file. */
@Command(
        name = "eval",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Print the clean test accuracy of a run directory or a TorchScript file.",
            "A TorchScript module must map [0, 1] NCHW images to logits.",
            ""
        },
        footer = {"", "Examples:", "  isce eval runs/lenet5-isce", "  isce eval model.pt --dataset cifar10 --n 1000"})
final class EvalCommand implements Callable<Integer> {

    @Mixin
    TargetOption target;

    @Mixin
    TestImagesOption images = new TestImagesOption(0);

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        images.check();
        try (Target t = target.open(images.batchSize);
                NDManager manager = NDManager.newBaseManager()) {
            ImageSet test = images.load(data, t.dataset());
            long start = System.nanoTime();
            double accuracy =
                    Accuracy.of(t.classifier(), test.images(manager), test.labelArray(manager), images.batchSize);
            double seconds = (System.nanoTime() - start) / 1e9;
            String which =
                    test.note().isEmpty() ? String.format(Locale.ROOT, "%,d test images", test.size()) : test.note();
            System.out.printf(
                    Locale.ROOT,
                    "%s%nclean accuracy: %.2f%% on %s of %s (%.1f s, %,.0f img/s)%n",
                    t.classifier().description(),
                    100 * accuracy,
                    which,
                    t.dataset().id(),
                    seconds,
                    test.size() / seconds);
        }
        return 0;
    }
}
