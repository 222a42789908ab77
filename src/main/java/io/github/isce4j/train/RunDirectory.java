package io.github.isce4j.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.UserError;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.model.Architecture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The self-describing folder a training run writes (docs/design.md): {@code config.json} (every
 * hyper-parameter plus provenance), {@code metrics.json} (one entry per epoch),
 * {@code checkpoint/last.ckpt} (parameters and optimizer state after the last finished epoch)
 * and, when training is done, {@code model.params}. Every file is written atomically.
 */
public final class RunDirectory {

    static final String FORMAT = "isce4j-run/1";
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir a folder that does not hold a run yet (it may exist and be empty)
     * @return the new run directory
     * @throws UserError when the folder already holds a run
     */
    public static RunDirectory create(Path dir) {
        if (Files.exists(dir.resolve("config.json"))) {
            throw new UserError(dir + " already holds a run; pass --resume to continue it, or choose another --out");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(dir + " is a file, not a folder; choose another --out");
        }
        return new RunDirectory(dir);
    }

    /**
     * @param dir a folder written by {@code isce train}
     * @return the run directory
     * @throws UserError when the folder is not a run directory
     */
    public static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new UserError(dir + " is not a run directory (no config.json); train one with `isce train --out " + dir + "`");
        }
        return new RunDirectory(dir);
    }

    /** @return the folder */
    public Path path() {
        return dir;
    }

    /** @return the final trained parameters (present once training finished) */
    public Path modelFile() {
        return dir.resolve("model.params");
    }

    /** @return the resumable state after the last finished epoch */
    public Path checkpointFile() {
        return dir.resolve("checkpoint").resolve("last.ckpt");
    }

    /**
     * @param config what the run computes
     * @param provenance where it came from: data checksums, versions, seed, machine, time
     * @throws IOException when writing fails
     */
    public void writeConfig(TrainingConfig config, JsonObject provenance) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.add("training", trainingJson(config));
        root.add("provenance", provenance);
        AtomicFile.writeString(dir.resolve("config.json"), GSON.toJson(root) + "\n");
    }

    /** @return the configuration recorded in config.json */
    public TrainingConfig readConfig() {
        JsonObject t = readJson("config.json").getAsJsonObject().getAsJsonObject("training");
        if (t == null) {
            throw new UserError(dir.resolve("config.json") + " has no \"training\" section; it was not written by isce train");
        }
        try {
            // Older runs record every loss's settings, or (before the baselines) only s, m and the
            // I-SCE variant: fromJson reads the chosen loss's settings and defaults absent ones.
            LossConfig loss = LossConfig.fromJson(t);
            return new TrainingConfig(
                    DatasetName.parse(t.get("dataset").getAsString()),
                    Architecture.parse(t.get("model").getAsString()),
                    loss,
                    t.get("embedding_dim").getAsInt(),
                    t.get("epochs").getAsInt(),
                    t.get("batch_size").getAsInt(),
                    t.get("lr").getAsFloat(),
                    t.get("seed").getAsInt(),
                    t.get("train_limit").getAsInt(),
                    adversarial(t.get("adversarial_training")));
        } catch (RuntimeException e) {
            if (e instanceof UserError) {
                throw e;
            }
            throw new UserError(dir.resolve("config.json") + " is incomplete or damaged (" + e.getMessage() + ")", e);
        }
    }

    /** @return config.json as written: format, training settings and provenance */
    public JsonObject readConfigJson() {
        return readJson("config.json").getAsJsonObject();
    }

    /** @return the provenance recorded in config.json */
    public JsonObject readProvenance() {
        JsonElement p = readJson("config.json").getAsJsonObject().get("provenance");
        return p == null ? new JsonObject() : p.getAsJsonObject();
    }

    /**
     * @param metrics one entry per finished epoch
     * @throws IOException when writing fails
     */
    public void writeMetrics(List<EpochMetrics> metrics) throws IOException {
        AtomicFile.writeString(dir.resolve("metrics.json"), GSON.toJson(metrics) + "\n");
    }

    /** @return the per-epoch metrics written so far (empty when none) */
    public List<EpochMetrics> readMetrics() {
        if (!Files.exists(dir.resolve("metrics.json"))) {
            return List.of();
        }
        return GSON.fromJson(readJson("metrics.json"), new TypeToken<List<EpochMetrics>>() {}.getType());
    }

    private JsonElement readJson(String name) {
        Path file = dir.resolve(name);
        try {
            return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonElement.class);
        } catch (IOException | JsonParseException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + "); the run directory is damaged", e);
        }
    }

    /** Runs written before adversarial training existed have no such entry: they trained clean. */
    private static AdversarialTraining adversarial(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return null;
        }
        JsonObject a = json.getAsJsonObject();
        return new AdversarialTraining(Norm.parse(a.get("norm").getAsString()), a.get("eps").getAsDouble(),
                a.get("steps").getAsInt(), a.get("step_size").getAsDouble(), a.get("random_start").getAsBoolean());
    }

    private static JsonObject adversarialJson(AdversarialTraining a) {
        JsonObject json = new JsonObject();
        json.addProperty("norm", a.norm().id());
        json.addProperty("eps", a.eps());
        json.addProperty("steps", a.steps());
        json.addProperty("step_size", a.stepSize());
        json.addProperty("random_start", a.randomStart());
        return json;
    }

    private static JsonObject trainingJson(TrainingConfig c) {
        JsonObject t = new JsonObject();
        t.addProperty("dataset", c.dataset().id());
        t.addProperty("model", c.model().id());
        c.loss().toJson().entrySet().forEach(e -> t.add(e.getKey(), e.getValue()));
        t.addProperty("embedding_dim", c.embeddingDim());
        t.addProperty("epochs", c.epochs());
        t.addProperty("batch_size", c.batchSize());
        t.addProperty("optimizer", "adam");
        t.addProperty("lr", c.learningRate());
        t.addProperty("seed", c.seed());
        t.addProperty("train_limit", c.trainLimit());
        t.add("adversarial_training", c.adversarial() == null ? JsonNull.INSTANCE : adversarialJson(c.adversarial()));
        return t;
    }
}
