package io.github.isce4j.reproduce;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.eval.RobustnessResult;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.train.Provenance;
import io.github.isce4j.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A cell that attacks a trained model on its first test images and writes the files {@code isce
 * attack} or {@code isce sanity} would, in its own folder {@code cells/<kind>-<key>/}: opening the
 * model and the images, and the report's provenance, are here once.
 */
sealed interface ModelEvaluation extends Cell permits AttackCell, SanityCell {

    /** @return the trained model */
    TrainingCell model();

    /** @return how many of the first test images */
    int images();

    /** @return the attacks' seed */
    long seed();

    /** @return the folder's prefix, e.g. "attack" */
    String kind();

    /**
     * @param run the model's run directory
     * @param size the images' height
     * @return the classifier attacked
     */
    Classifier classifier(RunDirectory run, int size);

    /**
     * Attacks and writes the cell's files.
     *
     * @param lab where the cell runs
     * @param classifier from {@link #classifier}
     * @param test the test images, in {@code manager}'s scope via {@link ImageSet#images}
     * @param manager the cell's native memory scope
     * @param report makes the AttackReport of a result, with its provenance
     * @throws IOException when a file cannot be written
     */
    void evaluate(
            Lab lab,
            Classifier classifier,
            ImageSet test,
            NDManager manager,
            Function<RobustnessResult, AttackReport> report)
            throws IOException;

    /**
     * @param out the reproduction's folder
     * @return the folder of the cell's files
     */
    default Path dir(Path out) {
        return out.resolve("cells").resolve(kind() + "-" + key());
    }

    @Override
    default List<Cell> needs() {
        return List.of(model());
    }

    @Override
    default String rateKey() {
        return "attack " + model().config().model().id() + " "
                + model().config().dataset().id();
    }

    @Override
    default void run(Lab lab) throws IOException {
        Instant started = Instant.now();
        RunDirectory run = RunDirectory.open(model().dir(lab.out()));
        ImageSet test = lab.test(model().config().dataset(), images());
        try (Classifier classifier = classifier(run, test.height());
                NDManager manager = Lab.manager()) {
            evaluate(
                    lab,
                    classifier,
                    test,
                    manager,
                    result -> new AttackReport(
                            classifier.description(),
                            test.dataset().id(),
                            Lab.note(test),
                            seed(),
                            result,
                            Provenance.ofEvaluation(test, run.modelFile(), run.readConfigJson(), seed(), started)));
        }
    }
}
