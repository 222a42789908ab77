package io.github.isce4j.reproduce;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.train.EpochMetrics;
import io.github.isce4j.train.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The finished cells' result files, read on demand. A cell whose file is missing reads as NaN, so
 * a report of a partial run says "not measured" instead of failing; every number links to its file.
 */
final class Results {

    private final Path out;
    private final Cells cells;
    private final Map<Path, AttackReport> reports = new HashMap<>();

    Results(Path out, Cells cells) {
        this.out = out;
        this.cells = cells;
    }

    Cells cells() {
        return cells;
    }

    Path out() {
        return out;
    }

    Budget budget() {
        return cells.budget();
    }

    /** @return the report of an attack cell, or null when it has not run */
    AttackReport report(AttackCell cell) {
        Path file = cell.result(out);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return reports.computeIfAbsent(file, f -> {
            try {
                return AttackReport.read(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** @return the robust accuracy in percent of the cell's row for the spec, NaN when not run */
    double robust(AttackCell cell, AttackSpec spec) {
        AttackReport r = report(cell);
        return r == null ? Double.NaN : 100 * r.row(spec).robustAccuracy();
    }

    /** @return the robust accuracy in percent of the cell's row for the spec judged at a budget */
    double robust(AttackCell cell, AttackSpec spec, double budget) {
        AttackReport r = report(cell);
        return r == null ? Double.NaN : 100 * r.row(spec, budget).robustAccuracy();
    }

    /** @return the plan's only (or first) row's robust accuracy in percent */
    double robust(AttackCell cell) {
        return cell.plan().budgets().isEmpty()
                ? robust(cell, cell.plan().spec())
                : robust(cell, cell.plan().spec(), cell.plan().budgets().get(0));
    }

    /** @return clean accuracy in percent on the attacked images, NaN when not run */
    double clean(AttackCell cell) {
        AttackReport r = report(cell);
        return r == null ? Double.NaN : 100 * r.cleanAccuracy();
    }

    /**
     * @param model a trained model
     * @return its clean test accuracy after its last epoch (its metrics.json), percent; NaN when its
     *     training has not finished
     */
    double trainedClean(TrainingCell model) {
        Path dir = model.dir(out);
        if (!Files.isRegularFile(dir.resolve("model.params"))) {
            return Double.NaN;
        }
        List<EpochMetrics> epochs = RunDirectory.open(dir).readMetrics();
        return epochs.isEmpty()
                ? Double.NaN
                : 100 * epochs.get(epochs.size() - 1).testAccuracy();
    }

    /** @return the sanity verdicts, or null when not run */
    SanityCell.Verdicts sanity(SanityCell cell) {
        if (!cell.done(out)) {
            return null;
        }
        return cell.read(out);
    }

    /** @return the cell's human-readable result file, relative to the report */
    String link(Cell cell) {
        Path file = cell.result(out);
        if (cell instanceof AttackCell a) {
            file = a.dir(out).resolve("results.md");
        } else if (cell instanceof SanityCell s) {
            file = s.dir(out).resolve("sanity.md");
        }
        return out.relativize(file).toString().replace('\\', '/');
    }

    /** @return the value with one decimal, linked to its result file; "—" when not measured */
    String number(double value, Cell cell) {
        return number(value, "%.1f", cell);
    }

    /** @return the value in the given format, linked to its result file; "—" when not measured */
    String number(double value, String format, Cell cell) {
        return Double.isNaN(value) ? "—" : "[" + String.format(Locale.ROOT, format, value) + "](" + link(cell) + ")";
    }

    /** @return where a figure of this name is written */
    Path figure(String name) throws IOException {
        Path dir = out.resolve("figures");
        Files.createDirectories(dir);
        return dir.resolve(name);
    }

    /**
     * Writes a plot into figures/ and returns its Markdown image, or a note when none of its cells
     * has run yet (an empty chart cannot be drawn).
     */
    String plot(io.github.isce4j.eval.RobustnessPlot plot, String name, String alt) throws IOException {
        if (plot.isEmpty()) {
            return "*(" + alt + ": not measured in this run)*";
        }
        plot.write(figure(name));
        return image(name, alt);
    }

    /** @return the Markdown image of a figure written to {@link #figure} */
    static String image(String name, String alt) {
        return "![" + alt + "](figures/" + name + ")";
    }

    static String format(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    static String signed(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%+.1f", value);
    }
}
