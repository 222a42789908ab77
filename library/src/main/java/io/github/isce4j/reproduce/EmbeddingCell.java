package io.github.isce4j.reproduce;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.Embeddings;
import io.github.isce4j.model.NetworkClassifier;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The feature-layer outputs of a trained model on the first {@code images} test images (Fig. 9).
 *
 * @param model a model with an embedding layer
 * @param images first this many test images
 */
public record EmbeddingCell(TrainingCell model, int images) implements TestSetMeasurement {

    @Override
    public String describe() {
        return "embed " + images + " test images with " + model.name();
    }

    @Override
    public String kind() {
        return "embedding";
    }

    @Override
    public String imagesKey() {
        return "embeddings";
    }

    @Override
    public Embeddings measure(NetworkClassifier classifier, ImageSet test, NDManager manager) {
        return Embeddings.of(classifier, test.images(manager), test.labelArray(manager), 500);
    }

    /**
     * @param out the reproduction's folder
     * @return the embeddings written by {@link #run}
     * @throws IllegalArgumentException naming the file when it is damaged
     */
    public Embeddings read(Path out) {
        return Cell.read(
                result(out),
                GSON,
                Embeddings.class,
                e -> e.labels() != null
                        && e.predictions() != null
                        && e.features() != null
                        && e.labels().length > 0
                        && e.predictions().length == e.labels().length
                        && e.features().length == e.labels().length
                        && Arrays.stream(e.features()).allMatch(f -> f != null && f.length == e.features()[0].length));
    }
}
