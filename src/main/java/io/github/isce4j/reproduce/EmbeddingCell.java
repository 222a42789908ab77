package io.github.isce4j.reproduce;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.Embeddings;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The feature-layer outputs of a trained model on the first {@code images} test images (Fig. 9).
 *
 * @param model a model with an embedding layer
 * @param images first this many test images
 */
public record EmbeddingCell(TrainingCell model, int images) implements Cell {

    private static final Gson GSON = new Gson();

    @Override
    public String identity() {
        JsonObject id = new JsonObject();
        id.addProperty("model", model.key());
        id.addProperty("embeddings", images);
        return GSON.toJson(id);
    }

    @Override
    public String describe() {
        return "embed " + images + " test images with " + model.name();
    }

    @Override
    public List<Cell> needs() {
        return List.of(model);
    }

    @Override
    public Path result(Path out) {
        return out.resolve("cells").resolve("embedding-" + key() + ".json");
    }

    @Override
    public double units() {
        return images;
    }

    @Override
    public String rateKey() {
        return "embed " + model.config().model().id() + " " + model.config().dataset().id();
    }

    @Override
    public void run(Lab lab) throws IOException {
        ImageSet test = lab.test(model.config().dataset(), images);
        try (NetworkClassifier classifier = Checkpoint.loadTrained(RunDirectory.open(model.dir(lab.out())));
                NDManager manager = Lab.manager()) {
            Embeddings e = Embeddings.of(classifier, test.images(manager), test.labelArray(manager), 500);
            AtomicFile.writeString(result(lab.out()), GSON.toJson(e) + "\n");
        }
    }

    /**
     * @param out the reproduction's folder
     * @return the embeddings written by {@link #run}
     * @throws IllegalArgumentException naming the file when it is damaged
     */
    public Embeddings read(Path out) {
        return Results.readCell(result(out), GSON, Embeddings.class, e -> e.labels() != null && e.predictions() != null
                && e.features() != null && e.labels().length > 0 && e.predictions().length == e.labels().length
                && e.features().length == e.labels().length
                && Arrays.stream(e.features()).allMatch(f -> f != null && f.length == e.features()[0].length));
    }
}
