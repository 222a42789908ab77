package io.github.isce4j.reproduce;

import com.google.gson.Gson;
import io.github.isce4j.JsonFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * One unit of a reproduction's work, keyed by a hash of everything that decides its result: a
 * trained model, or one measurement on a trained model. A cell is done when its result file exists;
 * results are written atomically, so a killed run loses at most the cell in flight, and a changed
 * setting changes the key, so only the cells it affects run again.
 */
public sealed interface Cell permits TrainingCell, ModelEvaluation, TestSetMeasurement {

    /** @return 16 hex digits of the SHA-256 of the cell's canonical JSON */
    default String key() {
        return Keys.of(identity());
    }

    /** @return the canonical JSON of every setting that decides the result */
    String identity();

    /** @return e.g. "train ResNet-32 MNIST I-SCE (paper variant)" */
    String describe();

    /** @return the training cell this one measures, or none */
    List<Cell> needs();

    /**
     * @param out the reproduction's folder
     * @return the file whose presence means the cell is done
     */
    Path result(Path out);

    /** @return what the cell costs in its kind's units (image-epochs, image-gradients), for estimates */
    double units();

    /** @return what the throughput of its kind is keyed by, e.g. "train resnet32 mnist" */
    String rateKey();

    /**
     * Computes and writes the result.
     *
     * @param lab where data, models and logs live
     * @throws IOException when a file cannot be read or written
     */
    void run(Lab lab) throws IOException;

    /** What a damaged result file of a cell tells the user to do. */
    String DAMAGED = "delete it and run the reproduction again: only that cell is computed again";

    /**
     * Reads a cell's JSON result file.
     *
     * @param <T> the type of the cell's result
     * @param file the cell's result
     * @param gson reads it
     * @param type what it holds
     * @param complete whether a parsed value has every field, in range
     * @return the value
     * @throws IllegalArgumentException naming the file when it is damaged
     */
    static <T> T read(Path file, Gson gson, Class<T> type, Predicate<T> complete) {
        return JsonFile.read(file, gson, type, complete, DAMAGED);
    }

    /**
     * @param out the reproduction's folder
     * @return whether the result is there
     */
    default boolean done(Path out) {
        return Files.isRegularFile(result(out));
    }
}
