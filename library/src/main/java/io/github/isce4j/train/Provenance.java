package io.github.isce4j.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.model.OneDnnCap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Where a result came from: code and library versions, machine, data checksums, time. */
public final class Provenance {

    private Provenance() {}

    /**
     * @param train the training set used
     * @param test the test set used
     * @return a JSON object for config.json
     */
    public static JsonObject of(ImageSet train, ImageSet test) {
        JsonObject p = software();
        p.add("train_data_sha256", strings(train.sha256()));
        p.add("test_data_sha256", strings(test.sha256()));
        p.addProperty("train_images", train.size());
        p.addProperty("test_images", test.size());
        p.addProperty("test_note", test.note());
        return p;
    }

    /** @return versions, machine, build commit, threads and time, for any result */
    public static JsonObject software() {
        JsonObject p = new JsonObject();
        p.addProperty("isce4j", Version.ISCE4J);
        p.addProperty("git_commit", Version.COMMIT);
        p.addProperty("djl", Engine.getDjlVersion());
        p.addProperty(
                "engine",
                Engine.getInstance().getEngineName() + " "
                        + Engine.getInstance().getVersion());
        p.addProperty("java", System.getProperty("java.version"));
        p.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        p.addProperty("torch_threads", JniUtils.getNumThreads());
        p.addProperty("onednn_max_cpu_isa", OneDnnCap.describe());
        p.addProperty("created", Instant.now().toString());
        return p;
    }

    /**
     * Provenance of an evaluation: software, the data evaluated on, the model file's checksum and
     * its run's configuration, the seed and the wall-clock interval.
     *
     * @param test the images evaluated on
     * @param model the model file (model.params or a TorchScript file), or null for an in-memory model
     * @param runConfig the training run's config.json, or null when the model has none
     * @param seed the attack seed
     * @param started when the work began
     * @return a JSON object for results.json
     */
    public static JsonObject ofEvaluation(ImageSet test, Path model, JsonObject runConfig, long seed, Instant started) {
        JsonObject p = software();
        p.addProperty("started", started.toString());
        p.addProperty("finished", p.remove("created").getAsString());
        p.addProperty("seed", seed);
        p.add("test_data_sha256", strings(test.sha256()));
        p.addProperty("test_images", test.size());
        p.addProperty("test_note", test.note());
        if (model != null) {
            p.addProperty("model_file", model.toString());
            p.addProperty("model_sha256", sha256(model));
        }
        if (runConfig != null) {
            p.add("run_config", runConfig);
        }
        return p;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to checksum it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonArray strings(Iterable<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
