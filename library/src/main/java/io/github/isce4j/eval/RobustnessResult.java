package io.github.isce4j.eval;

import io.github.isce4j.attack.AttackSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What an evaluation found: the clean accuracy and one row per attack plan and budget. Rows are
 * looked up by the specification they came from.
 *
 * @param images how many images were attacked
 * @param cleanAccuracy accuracy before any attack
 * @param rows one per plan, or per budget of a plan with budgets, in plan order
 * @param cleanImages per attacked image, in image order, '1' when classified correctly before any attack
 *     (see {@link ImageOutcomes}); null when not recorded (results of isce4j before per-image outcomes)
 * @see #save
 * @see #read
 */
public record RobustnessResult(int images, double cleanAccuracy, List<AttackRow> rows, String cleanImages) {

    /**
     * Copies the rows.
     *
     * @param images how many images were attacked
     * @param cleanAccuracy accuracy before any attack, in [0, 1]
     * @param rows one per plan, or per budget of a plan with budgets, in plan order; copied
     * @param cleanImages per attacked image, '1' when classified correctly; null when not recorded
     * @throws IllegalArgumentException when the per-image outcomes are not {@code images} '0'/'1' characters
     */
    public RobustnessResult {
        rows = List.copyOf(rows);
        ImageOutcomes.check(cleanImages, images, "cleanImages");
    }

    /**
     * A result without per-image clean outcomes.
     *
     * @param images how many images were attacked
     * @param cleanAccuracy accuracy before any attack, in [0, 1]
     * @param rows one per plan, or per budget of a plan with budgets, in plan order; copied
     */
    public RobustnessResult(int images, double cleanAccuracy, List<AttackRow> rows) {
        this(images, cleanAccuracy, rows, null);
    }

    /** @return per attacked image, in image order, whether it was classified correctly; null when not recorded */
    public boolean[] cleanOutcomes() {
        return cleanImages == null ? null : ImageOutcomes.decode(cleanImages);
    }

    /**
     * @param spec an attack specification that was run without budgets
     * @return its row
     * @throws IllegalArgumentException when no row came from it
     */
    public AttackRow row(AttackSpec spec) {
        return row(spec, Double.POSITIVE_INFINITY);
    }

    /**
     * @param spec an attack specification that was run
     * @param budget the budget it was judged at (+∞ for the unbounded row)
     * @return its row
     * @throws IllegalArgumentException when no row came from it at that budget
     */
    public AttackRow row(AttackSpec spec, double budget) {
        return find(rows, spec, budget);
    }

    /**
     * @param spec an attack specification that was run without budgets
     * @return its robust accuracy
     */
    public double robustAccuracy(AttackSpec spec) {
        return row(spec).robustAccuracy();
    }

    /**
     * Saves this result as results.json (with the software's provenance), results.csv,
     * results.md and results.png in {@code dir}. To name the model, the dataset or the seed in
     * them, or to record a fuller provenance, use {@link AttackReport#builder} instead.
     *
     * @param dir the output folder, created if needed
     * @throws IOException when a file cannot be written
     */
    public void save(Path dir) throws IOException {
        AttackReport.builder(this).build().save(dir);
    }

    /**
     * Reads a result saved by {@link #save} (or by {@code isce attack}).
     *
     * @param dir the folder holding results.json
     * @return the result, equal to the one saved
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not an isce4j results file
     */
    public static RobustnessResult read(Path dir) throws IOException {
        return AttackReport.readFolder(dir).result();
    }

    static AttackRow find(List<AttackRow> rows, AttackSpec spec, double budget) {
        return rows.stream()
                .filter(r -> r.spec().equals(spec) && Double.compare(r.budget(), budget) == 0)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no row for " + spec.label() + (Double.isFinite(budget) ? " at budget " + budget : "")));
    }
}
