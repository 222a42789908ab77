package io.github.isce4j.train;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.model.Architecture;

/**
 * Everything that decides what a training run computes. Recorded in config.json, so a run
 * directory can be resumed or re-created from it alone. Built with {@link #builder()}.
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
 * @param earlyStopping stop once accuracy on held-out training images stops improving, or null to
 *     train all {@code epochs}
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
        int testLimit,
        EarlyStopping earlyStopping) {

    /** Passes over the training set unless the builder is told otherwise. */
    public static final int DEFAULT_EPOCHS = 5;

    /** Images per step unless the builder is told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 128;

    /** Adam's step size unless the builder is told otherwise. */
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;

    /**
     * Checks every value and names the setting that is wrong, in config.json's words.
     *
     * @param dataset training and test data, required
     * @param model the architecture, required
     * @param loss the objective and its hyper-parameters, required
     * @param embeddingDim width of the extra feature layer before the head, 0 for none; when not 0, at
     *     least the loss's minimum feature width for the dataset's classes (embedding_dim)
     * @param epochs passes over the training set, &gt;= 1
     * @param batchSize images per step, &gt;= 1 (batch_size)
     * @param learningRate Adam step size, finite and &gt; 0 (lr)
     * @param seed seeds the initialisation and the per-epoch shuffles; any value
     * @param trainLimit train on the first this many training images only, &gt;= 0; 0 for all (train_limit)
     * @param adversarial PGD adversarial training, or null to train on clean images
     * @param testLimit report test accuracy on the first this many test images only, &gt;= 0; 0 for all
     *     (test_limit)
     * @param earlyStopping stop once held-out accuracy stops improving, or null to train all epochs;
     *     when a train limit is set, it must hold out fewer images than the limit (hold_out)
     * @throws InvalidSetting naming the first setting out of its range
     */
    public TrainingConfig {
        InvalidSetting.require(dataset != null, "dataset", "is required");
        InvalidSetting.require(model != null, "model", "is required");
        InvalidSetting.require(loss != null, "loss", "is required");
        InvalidSetting.require(embeddingDim >= 0, "embedding_dim", "must be >= 0 (0 = none), got " + embeddingDim);
        InvalidSetting.require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
        InvalidSetting.require(batchSize >= 1, "batch_size", "must be >= 1, got " + batchSize);
        InvalidSetting.require(
                learningRate > 0 && Float.isFinite(learningRate), "lr", "must be > 0, got " + learningRate);
        InvalidSetting.require(trainLimit >= 0, "train_limit", "must be >= 0 (0 = all), got " + trainLimit);
        InvalidSetting.require(testLimit >= 0, "test_limit", "must be >= 0 (0 = all), got " + testLimit);
        InvalidSetting.require(
                earlyStopping == null || trainLimit == 0 || earlyStopping.holdOut() < trainLimit,
                "hold_out",
                "must be below the " + trainLimit + " training images the train limit leaves, got "
                        + (earlyStopping == null ? 0 : earlyStopping.holdOut()));
        int minimum = loss.minimumFeatureDim(dataset.numClasses());
        InvalidSetting.require(
                embeddingDim == 0 || embeddingDim >= minimum,
                "loss",
                loss.name().id()
                        + " needs a feature of at least " + minimum
                        + " dimensions (one axis per class for its simplex of class "
                        + "centers), got embedding_dim " + embeddingDim + "; use embedding_dim " + minimum
                        + " or more, or 0 "
                        + "(LeNet-5 and CNN-8 then get a " + minimum
                        + "-wide linear feature layer, ResNet-32 keeps its own)");
    }

    /** @return a builder with nothing set: dataset, model and loss are required, the rest has defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration, to change some of its settings */
    public Builder toBuilder() {
        return new Builder()
                .setDataset(dataset)
                .setModel(model)
                .setLoss(loss)
                .optEmbeddingDim(embeddingDim)
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optLearningRate(learningRate)
                .optSeed(seed)
                .optTrainLimit(trainLimit)
                .optAdversarial(adversarial)
                .optTestLimit(testLimit)
                .optEarlyStopping(earlyStopping);
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

    /**
     * Builds a {@link TrainingConfig}: {@code set} methods for the required settings, {@code opt}
     * methods for those with defaults (no embedding layer, {@value #DEFAULT_EPOCHS} epochs,
     * batches of {@value #DEFAULT_BATCH_SIZE}, learning rate 1e-3, seed 0, all training and test
     * images, clean training, no early stopping).
     */
    public static final class Builder {

        private DatasetName dataset;
        private Architecture model;
        private LossConfig loss;
        private int embeddingDim;
        private int epochs = DEFAULT_EPOCHS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private float learningRate = DEFAULT_LEARNING_RATE;
        private int seed;
        private int trainLimit;
        private AdversarialTraining adversarial;
        private int testLimit;
        private EarlyStopping earlyStopping;

        private Builder() {}

        /**
         * @param dataset training and test data (required)
         * @return this builder
         */
        public Builder setDataset(DatasetName dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * @param model the architecture (required)
         * @return this builder
         */
        public Builder setModel(Architecture model) {
            this.model = model;
            return this;
        }

        /**
         * @param loss the objective and its hyper-parameters (required)
         * @return this builder
         */
        public Builder setLoss(LossConfig loss) {
            this.loss = loss;
            return this;
        }

        /**
         * @param embeddingDim width of the extra feature layer before the head, 0 (the default) for none
         * @return this builder
         */
        public Builder optEmbeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        /**
         * @param epochs passes over the training set, &ge; 1
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param batchSize images per step, &ge; 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param learningRate Adam step size, finite and &gt; 0
         * @return this builder
         */
        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param seed seeds the initialisation and the per-epoch shuffles (default 0)
         * @return this builder
         */
        public Builder optSeed(int seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param trainLimit train on the first this many training images only; 0 (the default) for all
         * @return this builder
         */
        public Builder optTrainLimit(int trainLimit) {
            this.trainLimit = trainLimit;
            return this;
        }

        /**
         * @param adversarial PGD adversarial training, or null (the default) to train on clean images
         * @return this builder
         */
        public Builder optAdversarial(AdversarialTraining adversarial) {
            this.adversarial = adversarial;
            return this;
        }

        /**
         * @param testLimit report test accuracy on the first this many test images only; 0 (the default) for all
         * @return this builder
         */
        public Builder optTestLimit(int testLimit) {
            this.testLimit = testLimit;
            return this;
        }

        /**
         * @param earlyStopping stop once held-out accuracy stops improving, the epochs being the cap;
         *     null (the default) to train all epochs on every training image
         * @return this builder
         */
        public Builder optEarlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * @return the configuration
         * @throws InvalidSetting naming the first setting that is missing or out of its range, in
         *     config.json's words (e.g. {@code batch_size must be >= 1, got 0})
         */
        public TrainingConfig build() {
            return new TrainingConfig(
                    dataset,
                    model,
                    loss,
                    embeddingDim,
                    epochs,
                    batchSize,
                    learningRate,
                    seed,
                    trainLimit,
                    adversarial,
                    testLimit,
                    earlyStopping);
        }
    }
}
