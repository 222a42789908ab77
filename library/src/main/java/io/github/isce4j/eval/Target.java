package io.github.isce4j.eval;

import com.google.gson.JsonObject;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.TorchScriptClassifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.Provenance;
import io.github.isce4j.train.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What an evaluation looks at: a classifier and the dataset whose test set it is judged on.
 * Opened from a run directory (which names its dataset) or a TorchScript file (which needs one).
 *
 * @param classifier the model; closed with this target
 * @param dataset the dataset it classifies
 * @param modelFile the file the model was read from (model.params or the TorchScript file)
 * @param runConfig the run's config.json, or null for a TorchScript file
 */
public record Target(Classifier classifier, DatasetName dataset, Path modelFile, JsonObject runConfig)
        implements AutoCloseable {

    /**
     * @param path a run directory or a TorchScript .pt file
     * @param dataset required for a .pt file; for a run directory it must match the run's, if given
     * @return the opened target
     */
    public static Target open(Path path, DatasetName dataset) {
        return open(path, dataset, 2);
    }

    /**
     * @param path a run directory or a TorchScript .pt file
     * @param dataset required for a .pt file; for a run directory it must match the run's, if given
     * @param batchSize the images per batch the evaluation will pass: a TorchScript file is probed
     *     with a batch that large, so one that fails only on large batches is refused here
     * @return the opened target
     */
    public static Target open(Path path, DatasetName dataset, int batchSize) {
        if (Files.isDirectory(path)) {
            RunDirectory run = RunDirectory.open(path);
            DatasetName trained = run.readConfig().dataset();
            if (dataset != null && dataset != trained) {
                throw new IllegalArgumentException(path + " was trained on " + trained.id() + ", not " + dataset.id()
                        + "; evaluate it on " + trained.id() + " or pick a run trained on " + dataset.id());
            }
            return new Target(Checkpoint.loadTrained(run), trained, run.modelFile(), run.readConfigJson());
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(
                    path + " does not exist; pass a run directory or a TorchScript .pt file");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && Files.isRegularFile(parent.resolve("config.json"))) {
            throw new IllegalArgumentException(
                    path + " is a file inside the run directory " + parent + "; pass the run directory itself");
        }
        if (dataset == null) {
            throw new DatasetMissing();
        }
        return new Target(
                TorchScriptClassifier.load(
                        path,
                        dataset.numClasses(),
                        new ai.djl.ndarray.types.Shape(dataset.channels(), dataset.height(), dataset.width()),
                        batchSize),
                dataset,
                path,
                null);
    }

    /**
     * @param test the images evaluated on
     * @param seed the attack seed
     * @param started when the evaluation began
     * @return the provenance of a result on this target
     */
    public JsonObject provenance(ImageSet test, long seed, Instant started) {
        return Provenance.ofEvaluation(test, modelFile, runConfig, seed, started);
    }

    @Override
    public void close() {
        classifier.close();
    }

    /** Thrown by {@link #open} for a TorchScript file opened without its dataset, so callers can add their advice. */
    public static final class DatasetMissing extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DatasetMissing() {
            super(
                    "a TorchScript file does not say which dataset it classifies; name it (mnist, fashion-mnist or cifar10)");
        }
    }
}
