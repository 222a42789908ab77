package io.github.isce4j.train;

import ai.djl.engine.Engine;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.isce4j.data.ImageSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

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

    /** @return versions, machine, git commit and time, for any result */
    public static JsonObject software() {
        JsonObject p = new JsonObject();
        p.addProperty("isce4j", Version.ISCE4J);
        p.addProperty("git_commit", gitCommit());
        p.addProperty("djl", Engine.getDjlVersion());
        p.addProperty("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        p.addProperty("java", System.getProperty("java.version"));
        p.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        p.addProperty("created", Instant.now().toString());
        return p;
    }

    private static JsonArray strings(Iterable<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /** @return the commit of the working directory's git checkout, or "unknown" */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
