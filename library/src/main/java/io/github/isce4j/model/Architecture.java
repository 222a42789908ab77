package io.github.isce4j.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.github.isce4j.Ids;
import io.github.isce4j.data.DatasetName;

/** The paper's network architectures (docs/method.md §4), by their CLI names. */
public enum Architecture {
    /** LeNet-5 for 28×28 images (61,706 parameters with 10 classes). */
    LENET5("lenet5", false) {
        @Override
        public Block features(int embeddingDim) {
            return LeNet5.features(embeddingDim);
        }
    },
    /** The project's eight-layer CNN for CIFAR-10 (the paper does not define it). */
    CNN8("cnn8", false) {
        @Override
        public Block features(int embeddingDim) {
            return Cnn8.features(embeddingDim);
        }
    },
    /** Pre-activation ResNet-32 with option-A shortcuts, as in the authors' code. */
    RESNET32("resnet32", true) {
        @Override
        public Block features(int embeddingDim) {
            return ResNet32.features(embeddingDim);
        }
    };

    private final String id;
    private final boolean linearFeature;

    Architecture(String id, boolean linearFeature) {
        this.id = id;
        this.linearFeature = linearFeature;
    }

    /**
     * @return whether the feature h ends in a linear layer (so its entries can be negative) even
     *     without an embedding layer; LeNet-5 and CNN-8 end in ReLU, ResNet-32 in its linear
     *     embedding
     */
    public boolean hasLinearFeature() {
        return linearFeature;
    }

    /** @return the name used on the command line and in config.json */
    public String id() {
        return id;
    }

    /**
     * Builds the feature extractor of this architecture.
     *
     * @param embeddingDim width of an extra linear feature layer before the head, or 0 for none
     * @return a block mapping images [N, C, H, W] to features [N, D]
     */
    public abstract Block features(int embeddingDim);

    /**
     * Builds the whole network for a dataset: its standardisation (so the network takes [0, 1]
     * images), the feature extractor and a linear K-way head.
     *
     * @param dataset the images it classifies
     * @param embeddingDim extra feature-layer width, or 0 for none
     * @return the untrained network
     */
    public Network network(DatasetName dataset, int embeddingDim) {
        return network(dataset, embeddingDim, Layers.linear(dataset.numClasses()));
    }

    /**
     * Builds the whole network with a given head: the loss decides it (a cosine head for ArcFace,
     * distances to class centers for L-GM and MMC, linear otherwise).
     *
     * @param dataset the images it classifies
     * @param embeddingDim extra feature-layer width, or 0 for none
     * @param head maps the feature h [N, D] to the logits z [N, K] (and optionally more arrays)
     * @return the untrained network
     */
    public Network network(DatasetName dataset, int embeddingDim, Block head) {
        SequentialBlock f = new SequentialBlock()
                .add(new Standardize(dataset.channelMean(), dataset.channelStd()))
                .add(features(embeddingDim));
        return new Network(f, head);
    }

    /**
     * @param name a CLI name such as {@code lenet5}
     * @return the architecture
     * @throws IllegalArgumentException naming the valid choices when the name is unknown
     */
    public static Architecture parse(String name) {
        return Ids.parse(values(), Architecture::id, name, "model", Ids.oneOf(values(), Architecture::id));
    }
}
