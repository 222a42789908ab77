package io.github.isce4j.eval;

import io.github.isce4j.UserError;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.TorchScriptClassifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an evaluation looks at: a classifier and the dataset whose test set it is judged on.
 * Opened from a run directory (which names its dataset) or a TorchScript file (which needs one).
 *
 * @param classifier the model; closed with this target
 * @param dataset the dataset it classifies
 */
public record Target(Classifier classifier, DatasetName dataset) implements AutoCloseable {

    /**
     * @param path a run directory or a TorchScript .pt file
     * @param dataset required for a .pt file; for a run directory it must match the run's, if given
     * @return the opened target
     */
    public static Target open(Path path, DatasetName dataset) {
        if (Files.isDirectory(path)) {
            RunDirectory run = RunDirectory.open(path);
            DatasetName trained = run.readConfig().dataset();
            if (dataset != null && dataset != trained) {
                throw new UserError(path + " was trained on " + trained.id() + ", not " + dataset.id()
                        + "; drop --dataset or pick the matching run");
            }
            return new Target(Checkpoint.loadTrained(run), trained);
        }
        if (!Files.exists(path)) {
            throw new UserError(path + " does not exist; pass a run directory or a TorchScript .pt file");
        }
        if (dataset == null) {
            throw new UserError("a TorchScript file needs --dataset (mnist, fashion-mnist or cifar10) to know its test set");
        }
        return new Target(TorchScriptClassifier.load(path, dataset.numClasses()), dataset);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
