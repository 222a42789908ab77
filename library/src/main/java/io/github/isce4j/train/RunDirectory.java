package io.github.isce4j.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.JsonFile;
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
    /** The "training" entries every run has recorded since the first format; loss settings default when absent. */
    private static final List<String> REQUIRED =
            List.of("dataset", "model", "loss", "embedding_dim", "epochs", "batch_size", "lr", "seed", "train_limit");

    static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir a folder that does not hold a run yet (it may exist and be empty)
     * @return the new run directory
     * @throws IllegalArgumentException when the folder already holds a run
     */
    public static RunDirectory create(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder; choose another output folder");
        }
        if (Files.exists(dir.resolve("config.json"))) {
            throw new IllegalArgumentException(
                    dir + " already holds a run; resume it, or choose another output folder");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder; choose another output folder");
        }
        return new RunDirectory(dir);
    }

    /**
     * @param dir a folder written by {@code isce train}
     * @return the run directory
     * @throws IllegalArgumentException when the folder is not a run directory
     */
    public static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException(
                    dir + " is not a run directory (no config.json); train one into it first");
        }
        return new RunDirectory(dir);
    }

    /**
     * Removes temporary files that a killed write left behind. Call it only while holding the
     * directory's {@link RunLock}.
     *
     * @return how many were removed
     * @throws IOException when listing or deleting fails
     */
    public int removeLeftovers() throws IOException {
        return AtomicFile.removeLeftovers(dir) + AtomicFile.removeLeftovers(dir.resolve("checkpoint"));
    }

    /**
     * After a diverged training: keeps the configuration as {@code diverged-config.json} (with the
     * metrics of the epochs that finished) and removes config.json, metrics, checkpoint and model,
     * so the folder holds no run and the next attempt can start in it.
     *
     * @return the file that records what diverged
     * @throws IOException when the files cannot be moved or deleted
     */
    public Path clearDiverged() throws IOException {
        Path record = dir.resolve("diverged-config.json");
        JsonObject root = readJson("config.json").getAsJsonObject();
        root.add("finished_epochs", GSON.toJsonTree(readMetrics()));
        AtomicFile.writeString(record, GSON.toJson(root) + "\n");
        Files.deleteIfExists(modelFile());
        Files.deleteIfExists(checkpointFile());
        Files.deleteIfExists(dir.resolve("metrics.json"));
        Files.deleteIfExists(dir.resolve("config.json"));
        return record;
    }

    /**
     * @return the settings whose recorded form (the "training" section of config.json) differs
     *     between the two configurations, in that section's order
     */
    static List<String> differences(TrainingConfig a, TrainingConfig b) {
        JsonObject ja = trainingJson(a);
        JsonObject jb = trainingJson(b);
        List<String> keys = new java.util.ArrayList<>();
        for (String key : ja.keySet()) {
            if (!java.util.Objects.equals(ja.get(key), jb.get(key))) {
                keys.add(key);
            }
        }
        for (String key : jb.keySet()) {
            if (!ja.has(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** @return one setting as config.json records it */
    static String value(TrainingConfig c, String key) {
        JsonElement v = trainingJson(c).get(key);
        return v == null ? "none" : v.isJsonPrimitive() ? v.getAsString() : v.toString();
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
        JsonObject training = trainingJson(config);
        root.add("training", training);
        root.add("provenance", provenance);
        JsonObject sums = Files.isRegularFile(dir.resolve("config.json")) ? recordedSums() : new JsonObject();
        sums.addProperty(TRAINING, FileChecksum.of(training));
        root.add(SHA256, sums);
        AtomicFile.writeString(dir.resolve("config.json"), GSON.toJson(root) + "\n");
    }

    /** The config.json object of the SHA-256 of the run's files and of its "training" section. */
    private static final String SHA256 = "sha256";
    /** Its entry for the "training" section, so a config.json edited after training is told apart. */
    private static final String TRAINING = "training";
    /**
     * Its entry for the checkpoint that the one on disk replaced, accepted where a kill came
     * between the two writes (resuming from it repeats one epoch, with the same result).
     */
    private static final String BEFORE = " before";

    /** @return the recorded checksums, empty for a run written before isce4j recorded them */
    private JsonObject recordedSums() {
        JsonElement sums = readConfigJson().get(SHA256);
        return sums != null && sums.isJsonObject() ? sums.getAsJsonObject() : new JsonObject();
    }

    /**
     * Records in config.json the SHA-256 of a run file about to be renamed into place (model.params
     * or the checkpoint). Called between writing the file's bytes and renaming them, so a kill in
     * between leaves the previous file, whose checksum is kept as the one "before".
     *
     * @param file {@link #modelFile} or {@link #checkpointFile}
     * @param sha256 the new content's SHA-256
     * @throws IOException when config.json cannot be written
     */
    void recordSha256(Path file, String sha256) throws IOException {
        JsonObject root = readConfigJson();
        JsonObject sums = recordedSums();
        String key = dir.relativize(file).toString().replace('\\', '/');
        if (file.equals(checkpointFile()) && sums.has(key)) {
            sums.add(key + BEFORE, sums.get(key));
        }
        sums.addProperty(key, sha256);
        root.add(SHA256, sums);
        AtomicFile.writeString(dir.resolve("config.json"), GSON.toJson(root) + "\n");
    }

    /**
     * Refuses a run file that is not the one this run wrote: a checkpoint or model.params copied in
     * from another run, or replaced. A run written before isce4j recorded checksums is not checked.
     *
     * @param file {@link #modelFile} or {@link #checkpointFile}
     * @throws IllegalArgumentException naming the file, when its SHA-256 is not the recorded one
     */
    public void requireOwn(Path file) {
        JsonObject sums = recordedSums();
        String key = dir.relativize(file).toString().replace('\\', '/');
        if (!sums.has(key)) {
            return;
        }
        String actual = FileChecksum.of(file);
        // model.params is deleted before it is written again, so only the checkpoint has a valid predecessor
        boolean own = actual.equals(sums.get(key).getAsString())
                || (file.equals(checkpointFile())
                        && sums.has(key + BEFORE)
                        && actual.equals(sums.get(key + BEFORE).getAsString()));
        if (!own) {
            throw new IllegalArgumentException(file + " is not the file this run wrote (its SHA-256 "
                    + actual.substring(0, 12) + "... is not the one config.json records, "
                    + sums.get(key).getAsString().substring(0, 12)
                    + "...): it was replaced or copied in from another run; restore the run's own file, "
                    + "or train the run again");
        }
    }

    /** @return the configuration recorded in config.json */
    public TrainingConfig readConfig() {
        JsonElement section = readJson("config.json").getAsJsonObject().get("training");
        JsonObject t = section != null && section.isJsonObject() ? section.getAsJsonObject() : null;
        if (t == null) {
            throw new IllegalArgumentException(
                    dir.resolve("config.json") + " has no \"training\" section; it was not written by isce train");
        }
        JsonObject sums = recordedSums();
        if (sums.has(TRAINING) && !FileChecksum.of(t).equals(sums.get(TRAINING).getAsString())) {
            throw new IllegalArgumentException(
                    dir.resolve("config.json")
                            + " was edited after training: its \"training\" settings are not the ones the run recorded "
                            + "(their SHA-256 differs), so they no longer describe its model; restore them, or train a new run");
        }
        for (String key : REQUIRED) {
            if (!t.has(key) || t.get(key).isJsonNull()) {
                throw new IllegalArgumentException(dir.resolve("config.json") + " has no \"" + key
                        + "\" in its \"training\" section; the run directory is damaged");
            }
        }
        try {
            // Older runs record every loss's settings, or (before the baselines) only s, m and the
            // I-SCE variant: fromJson reads the chosen loss's settings and defaults absent ones.
            LossConfig loss = LossConfig.fromJson(t);
            return TrainingConfig.builder()
                    .setDataset(DatasetName.parse(t.get("dataset").getAsString()))
                    .setModel(Architecture.parse(t.get("model").getAsString()))
                    .setLoss(loss)
                    .optEmbeddingDim(t.get("embedding_dim").getAsInt())
                    .optEpochs(t.get("epochs").getAsInt())
                    .optBatchSize(t.get("batch_size").getAsInt())
                    .optLearningRate(t.get("lr").getAsFloat())
                    .optSeed(t.get("seed").getAsInt())
                    .optTrainLimit(t.get("train_limit").getAsInt())
                    .optAdversarial(adversarial(t.get("adversarial_training")))
                    .optTestLimit(t.has("test_limit") ? t.get("test_limit").getAsInt() : 0)
                    .optEarlyStopping(earlyStopping(t.get("early_stopping")))
                    .build();
        } catch (RuntimeException e) {
            // an unknown dataset, model or loss name lands here too: the file, not the caller, names it
            throw new IllegalArgumentException(
                    dir.resolve("config.json") + " is incomplete or damaged (" + JsonFile.firstLine(e) + ")", e);
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

    /** @return the file's JSON, an object for config.json and an array for metrics.json */
    private JsonElement readJson(String name) {
        Path file = dir.resolve(name);
        JsonElement json;
        try {
            json = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonElement.class);
        } catch (IOException | JsonParseException e) {
            throw new IllegalArgumentException(
                    "cannot read " + file + " (" + JsonFile.firstLine(e) + "); the run directory is damaged", e);
        }
        boolean metrics = name.equals("metrics.json");
        if (json == null || json.isJsonNull()) {
            throw new IllegalArgumentException(file + " is empty; the run directory is damaged");
        }
        if (metrics ? !json.isJsonArray() : !json.isJsonObject()) {
            throw new IllegalArgumentException(
                    file + " is not a JSON " + (metrics ? "array" : "object") + "; the run directory is damaged");
        }
        return json;
    }

    /** Runs written before adversarial training existed have no such entry: they trained clean. */
    private static AdversarialTraining adversarial(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return null;
        }
        JsonObject a = json.getAsJsonObject();
        return AdversarialTraining.pgd(
                        Norm.parse(a.get("norm").getAsString()), a.get("eps").getAsDouble())
                .steps(a.get("steps").getAsInt())
                .stepSize(a.get("step_size").getAsDouble())
                .randomStart(a.get("random_start").getAsBoolean())
                .build();
    }

    /** Runs without early stopping, and all runs before it existed, have no such entry. */
    private static EarlyStopping earlyStopping(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return null;
        }
        JsonObject e = json.getAsJsonObject();
        return new EarlyStopping(e.get("patience").getAsInt(), e.get("hold_out").getAsInt());
    }

    private static JsonObject adversarialJson(AdversarialTraining a) {
        JsonObject json = new JsonObject();
        json.addProperty("norm", a.pgd().norm().id());
        json.addProperty("eps", a.pgd().eps());
        json.addProperty("steps", a.pgd().steps());
        json.addProperty("step_size", a.pgd().stepSize());
        json.addProperty("random_start", a.pgd().randomStart());
        return json;
    }

    /**
     * @param c a configuration
     * @return its "training" object of config.json: every setting, defaults and unchosen losses' settings
     *     included; early stopping only when set
     */
    public static JsonObject trainingJson(TrainingConfig c) {
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
        t.addProperty("test_limit", c.testLimit());
        if (c.earlyStopping() != null) {
            // written only when set, so the recorded form (and reproduce's model keys) of every
            // run without it stays what it was
            JsonObject e = new JsonObject();
            e.addProperty("patience", c.earlyStopping().patience());
            e.addProperty("hold_out", c.earlyStopping().holdOut());
            t.add("early_stopping", e);
        }
        return t;
    }
}
