package io.github.isce4j.reproduce;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.stats.Accuracy;
import io.github.isce4j.stats.ClopperPearson;
import io.github.isce4j.stats.Interval;
import io.github.isce4j.train.EpochMetrics;
import io.github.isce4j.train.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The finished cells' result files, read on demand. A cell whose file is missing reads as NaN, so
 * a report of a partial run says "not measured" instead of failing; every number links to its file.
 */
final class Results {

    private final Path out;
    private final Cells cells;
    private final Map<Path, AttackReport> reports = new HashMap<>();
    /** The cells whose results were asked for, when this only records them (null: reads them). */
    private final Set<Cell> asked;

    Results(Path out, Cells cells) {
        this(out, cells, null);
    }

    private Results(Path out, Cells cells, Set<Cell> asked) {
        this.out = out;
        this.cells = cells;
        this.asked = asked;
    }

    /**
     * @return results that read nothing (every number is "not measured") and record which attack
     *     cells' results are asked for, so a rendering can say which measurements it needs
     */
    static Results recording(Cells cells) {
        return new Results(Path.of(""), cells, new LinkedHashSet<>());
    }

    /** @return the cells asked for so far, each after the cells it needs, for {@link #recording} results */
    List<Cell> asked() {
        Set<Cell> all = new LinkedHashSet<>();
        asked.forEach(c -> {
            all.addAll(c.needs());
            all.add(c);
        });
        return List.copyOf(all);
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
        if (asked != null) {
            asked.add(cell);
            return null;
        }
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

    /** @return per image, whether the cell's row for the spec at a budget (+∞: none) is robust; null when not recorded */
    Accuracy robustOutcomes(AttackCell cell, AttackSpec spec, double budget) {
        AttackReport r = report(cell);
        boolean[] robust = r == null ? null : r.row(spec, budget).robustOutcomes();
        return robust == null ? null : new Accuracy(testSet(cell), robust);
    }

    /** @return per image, whether the plan's only (or first) row is robust; null when not recorded */
    Accuracy robustOutcomes(AttackCell cell) {
        return robustOutcomes(
                cell,
                cell.plan().spec(),
                cell.plan().budgets().isEmpty()
                        ? Double.POSITIVE_INFINITY
                        : cell.plan().budgets().get(0));
    }

    /** @return per image, whether it is classified correctly before the attack; null when not recorded */
    Accuracy cleanOutcomes(AttackCell cell) {
        AttackReport r = report(cell);
        boolean[] clean = r == null ? null : r.result().cleanOutcomes();
        return clean == null ? null : new Accuracy(testSet(cell), clean);
    }

    /**
     * @return which images a cell attacks: its dataset's first N test images, whatever the network, so
     *     every accuracy on them is paired in a bootstrap
     */
    private static String testSet(AttackCell cell) {
        return String.format(
                Locale.ROOT,
                "%s, first %d test images",
                cell.model().config().dataset().id(),
                cell.images());
    }

    /**
     * @return the 95 % Clopper-Pearson interval in percent of an accuracy read from an attack or
     *     embedding cell; null when the cell has not run, is of another kind, or the value is not a
     *     count of its images
     */
    Interval interval(double percent, Cell cell) {
        if (Double.isNaN(percent) || !cell.done(out)) {
            return null;
        }
        int n = cell instanceof AttackCell a
                ? report(a).result().images()
                : cell instanceof EmbeddingCell e ? e.images() : 0;
        long k = Math.round(percent / 100 * n);
        if (n < 1 || Math.abs(100.0 * k / n - percent) > 1e-6) {
            return null;
        }
        return ClopperPearson.interval(k, n).times(100);
    }

    /**
     * @param model a trained model
     * @return its clean test accuracy after its last epoch (its metrics.json), percent; NaN when its
     *     training has not finished
     */
    double trainedClean(TrainingCell model) {
        if (asked != null) {
            return Double.NaN;
        }
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
        if (asked != null) {
            // a sanity mark beside a number is read if its cells ran; the sanity recipe decides which run
            return null;
        }
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

    /**
     * @return an accuracy with one decimal, linked to its result file, followed by its 95 %
     *     Clopper-Pearson interval when read from an attack or embedding cell (e.g. "[45.2](…) [40.8, 49.7]"); "—"
     *     when not measured
     */
    String number(double value, Cell cell) {
        Interval ci = interval(value, cell);
        return number(value, "%.1f", cell) + (ci == null ? "" : " " + ci.format("%.1f"));
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

    /** @return a difference's interval with signs, e.g. "[+5.1, +19.0]" */
    static String signed(Interval interval) {
        return interval.format("%+.1f");
    }
}
