package io.github.isce4j.train;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.model.Architecture;

/**
 * Everything that decides what a training run computes. Recorded in config.json, so a run
 * directory can be resumed or re-created from it alone.
 *
 * @param dataset training and test data
 * @param model the architecture
 * @param loss the objective and its hyper-parameters
 * @param embeddingDim width of the extra feature layer before the head, 0 for none
 * @param epochs passes over the training set
 * @param batchSize images per step
 * @param learningRate Adam step size
 * @param seed seeds the initialisation and the per-epoch shuffles
 * @param trainLimit train on the first this many training images only; 0 for all
 * @param adversarial PGD adversarial training, or null to train on clean images
 * @param testLimit report test accuracy on the first this many test images only; 0 for all
 */
public record TrainingConfig(
        DatasetName dataset,
        Architecture model,
        LossConfig loss,
        int embeddingDim,
        int epochs,
        int batchSize,
        float learningRate,
        int seed,
        int trainLimit,
        AdversarialTraining adversarial,
        int testLimit) {

    /** A configuration judged on the whole test set. */
    public TrainingConfig(DatasetName dataset, Architecture model, LossConfig loss, int embeddingDim, int epochs,
            int batchSize, float learningRate, int seed, int trainLimit, AdversarialTraining adversarial) {
        this(dataset, model, loss, embeddingDim, epochs, batchSize, learningRate, seed, trainLimit, adversarial, 0);
    }

    /** A configuration without adversarial training. */
    public TrainingConfig(DatasetName dataset, Architecture model, LossConfig loss, int embeddingDim, int epochs,
            int batchSize, float learningRate, int seed, int trainLimit) {
        this(dataset, model, loss, embeddingDim, epochs, batchSize, learningRate, seed, trainLimit, null);
    }

    /** Checks every value and names the setting that is wrong, in config.json's words. */
    public TrainingConfig {
        require(dataset != null, "dataset is required");
        require(model != null, "model is required");
        require(loss != null, "loss is required");
        require(embeddingDim >= 0, "embedding_dim must be >= 0 (0 = none), got " + embeddingDim);
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(batchSize >= 1, "batch_size must be >= 1, got " + batchSize);
        require(learningRate > 0 && Float.isFinite(learningRate), "lr must be > 0, got " + learningRate);
        require(trainLimit >= 0, "train_limit must be >= 0 (0 = all), got " + trainLimit);
        require(testLimit >= 0, "test_limit must be >= 0 (0 = all), got " + testLimit);
        int minimum = loss.minimumFeatureDim(dataset.numClasses());
        require(embeddingDim == 0 || embeddingDim >= minimum, "loss " + loss.name().id() + " needs a feature of at least "
                + minimum + " dimensions (one axis per class for its simplex of class centers), got embedding_dim "
                + embeddingDim + "; use embedding_dim " + minimum + " or more, or 0 (LeNet-5 and CNN-8 then get a " + minimum
                + "-wide linear feature layer, ResNet-32 keeps its own)");
    }

    /**
     * The width of the embedding layer the network is built with: {@code embeddingDim}, except
     * that a loss needing a linear feature (MMC) on an architecture whose feature ends in ReLU
     * (LeNet-5, CNN-8) gets a linear layer of its minimum width K when none was asked for.
     *
     * @return the embedding width to build, 0 for none
     */
    public int effectiveEmbeddingDim() {
        if (embeddingDim == 0 && loss.needsLinearFeature() && !model.hasLinearFeature()) {
            return loss.minimumFeatureDim(dataset.numClasses());
        }
        return embeddingDim;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
