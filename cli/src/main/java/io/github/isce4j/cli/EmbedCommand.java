package io.github.isce4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.EmbeddingPlot;
import io.github.isce4j.eval.Embeddings;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;
import io.github.isce4j.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code isce embed}: the test-set features h of a trained run, as CSV and a scatter plot. */
@Command(
        name = "embed",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Write the features h (the layer before the head) of the first N test images of a run.",
            "Writes embedding.csv (index,label,prediction,h0,h1,...) and embedding.png (a scatter plot coloured "
                    + "by class, like the paper's Fig. 9: three 2-D views for a 3-D feature, the first three "
                    + "principal components for a wider one).",
            ""
        },
        footer = {
            "",
            "Example:",
            "  isce train --loss isce --embedding-dim 3 --out runs/lenet5-isce-3d",
            "  isce embed runs/lenet5-isce-3d --n 5000"
        })
final class EmbedCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "A finished run directory.")
    Path run;

    @Mixin
    TestImagesOption images = new TestImagesOption(5000);

    @Mixin
    OutOption out = new OutOption("RUN");

    @Mixin
    DataOptions data;

    /** What marks a folder embed may write into: a run directory, or an earlier embedding. */
    private static final Set<String> OWN = Set.of("config.json", "embedding.csv");

    @Override
    public Integer call() throws Exception {
        images.check();
        if (!Files.isDirectory(run)) {
            throw new UserError(run + " is not a folder; pass a run directory written by `isce train`");
        }
        RunDirectory runDir = RunDirectory.open(run);
        TrainingConfig config = runDir.readConfig();
        try (OutputFolder.Claim claim = out.claim(() -> run, "run or embedding (config.json, embedding.csv)", OWN);
                NetworkClassifier classifier = Checkpoint.loadTrained(runDir);
                NDManager manager = NDManager.newBaseManager()) {
            Path dir = claim.path();
            ImageSet test = images.load(data, config.dataset());
            Embeddings e = Embeddings.of(classifier, test.images(manager), test.labelArray(manager), images.batchSize);
            Path csv = dir.resolve("embedding.csv");
            Path png = dir.resolve("embedding.png");
            e.writeCsv(csv);
            String title = String.format(Locale.ROOT, "%s, first %,d test images", classifier.description(), e.size());
            EmbeddingPlot.writePng(e, config.dataset().numClasses(), title, png);
            System.out.printf(
                    Locale.ROOT,
                    "%s%n%,d test images, feature h of %d dimensions, accuracy %.2f%%%nwrote %s%nwrote %s%n",
                    classifier.description(),
                    e.size(),
                    e.dimension(),
                    100 * e.accuracy(),
                    csv,
                    png);
        }
        return 0;
    }
}
