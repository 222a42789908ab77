package io.github.isce4j.reproduce;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A cell that passes a trained model once over its first test images and keeps what it measures as
 * one JSON file, {@code cells/<kind>-<key>.json}: Fig. 9's embeddings, Fig. 3's constants. What
 * each kind measures is its own; loading, keying and writing are here once.
 */
sealed interface TestSetMeasurement extends Cell permits EmbeddingCell, StatisticsCell {

    /** Writes and reads the result files. */
    Gson GSON = new Gson();

    /** @return the trained model measured */
    TrainingCell model();

    /** @return how many of the first test images */
    int images();

    /** @return the result file's prefix, e.g. "embedding" */
    String kind();

    /** @return the name of the image count in the cell's identity, e.g. "embeddings" */
    String imagesKey();

    /**
     * @param classifier the trained model
     * @param test the test images
     * @param manager the cell's native memory scope
     * @return what is written to the result file, as JSON
     */
    Object measure(NetworkClassifier classifier, ImageSet test, NDManager manager);

    @Override
    default String identity() {
        JsonObject id = new JsonObject();
        id.addProperty("model", model().key());
        id.addProperty(imagesKey(), images());
        return GSON.toJson(id);
    }

    @Override
    default List<Cell> needs() {
        return List.of(model());
    }

    @Override
    default Path result(Path out) {
        return out.resolve("cells").resolve(kind() + "-" + key() + ".json");
    }

    @Override
    default double units() {
        return images();
    }

    @Override
    default String rateKey() {
        return "embed " + model().config().model().id() + " "
                + model().config().dataset().id();
    }

    @Override
    default void run(Lab lab) throws IOException {
        ImageSet test = lab.test(model().config().dataset(), images());
        try (NetworkClassifier classifier = Checkpoint.loadTrained(RunDirectory.open(model().dir(lab.out())));
                NDManager manager = Lab.manager()) {
            AtomicFile.writeString(result(lab.out()), GSON.toJson(measure(classifier, test, manager)) + "\n");
        }
    }
}
