package io.github.isce4j.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.isce4j.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of attacking one classifier: written as results.json (the source of truth),
 * results.csv and results.md, each to a temporary file renamed into place; {@link #plot} draws
 * them.
 *
 * @param model one line naming the classifier
 * @param dataset dataset id
 * @param imagesNote which test images, e.g. "the first 1,000 test images"
 * @param seed the attack seed
 * @param cleanAccuracy accuracy before any attack
 * @param rows one per attack setting
 */
public record AttackReport(String model, String dataset, String imagesNote, long seed, double cleanAccuracy,
        List<AttackRow> rows) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** What every table says under it. */
    public static final String FOOTER = "Robust accuracy is w.r.t. the true label; images misclassified before the "
            + "attack count as not robust. Success rate and target success are over the images classified "
            + "correctly before the attack; median norms are over the successful perturbations. Rows with "
            + "\"L2 <= e\" (or L∞) judge a minimal-perturbation attack at budget e: an image is robust when the attack "
            + "fails or needs more than e. Bounded protocol: true L2/L∞ radii in [0, 1] pixel units; with "
            + "several attack losses an image is robust only if it survives all of them. Paper protocol "
            + "(the authors' script): unprojected sign steps of eps/2 in [0, 1] units (eps is per step in "
            + "the script's [-1, 1] units), label = clean prediction, loss = CE on the deployed output; an "
            + "assumption forced by the paper's numbers.";

    /**
     * Writes results.json, results.csv and results.md.
     *
     * @param dir the output folder, created if needed
     * @throws IOException when a file cannot be written
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "isce4j-attack/1");
        json.put("model", model);
        json.put("dataset", dataset);
        json.put("images", imagesNote);
        json.put("seed", seed);
        json.put("clean_accuracy", cleanAccuracy);
        json.put("rows", rows);
        AtomicFile.writeString(dir.resolve("results.json"), GSON.toJson(json) + "\n");
        AtomicFile.writeString(dir.resolve("results.csv"), csv());
        AtomicFile.writeString(dir.resolve("results.md"), markdown());
    }

    /** @return the human-readable table with its heading and footer */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%s on %s, %s, seed %d: clean accuracy %s%n%n", model, dataset,
                imagesNote, seed, percent(cleanAccuracy)));
        md.append("| attack | protocol | robust acc | success rate | target success | median L2 | median L∞ "
                + "| mean queries | time | img/s |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (AttackRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %.1f s | %,.0f |%n",
                    r.attack() + byAttack(r), r.protocol(), percent(r.robustAccuracy()), percent(r.successRate()),
                    percent(r.targetSuccessRate()), number(r.medianL2()), number(r.medianLinf()),
                    Double.isNaN(r.meanQueries()) ? "—" : String.format(Locale.ROOT, "%.1f", r.meanQueries()),
                    r.seconds(), r.imagesPerSecond()));
        }
        md.append('\n').append(FOOTER).append('\n');
        return md.toString();
    }

    /**
     * @param xLabel what eps means in these rows
     * @return robust accuracy against eps, one line per attack setting (its label without the
     *     radius), starting from the clean accuracy at 0; rows without a finite eps are left out
     */
    public RobustnessPlot plot(String xLabel) {
        RobustnessPlot plot = new RobustnessPlot(model + ": robust accuracy on " + imagesNote, xLabel);
        for (AttackRow r : rows) {
            if (Double.isFinite(r.eps())) {
                String line = r.attack().replaceAll(", L(2|∞) <= [0-9.]+$", "").replaceAll(" eps=[0-9.]+", "");
                plot.add(line, 0, cleanAccuracy);
                plot.add(line, r.eps(), r.robustAccuracy());
            }
        }
        return plot;
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("attack,protocol,eps,images,clean_accuracy,robust_accuracy,success_rate,"
                + "target_success_rate,median_l2,median_linf,mean_queries,seconds,images_per_second\n");
        for (AttackRow r : rows) {
            csv.append(String.format(Locale.ROOT, "\"%s\",%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%.3f,%.1f%n",
                    r.attack().replace("\"", "\"\""), r.protocol(), r.eps(), r.images(), r.cleanAccuracy(),
                    r.robustAccuracy(), r.successRate(), r.targetSuccessRate(), r.medianL2(), r.medianLinf(),
                    r.meanQueries(), r.seconds(), r.imagesPerSecond()));
        }
        return csv.toString();
    }

    private static String byAttack(AttackRow r) {
        if (r.accuracyByAttack().size() < 2) {
            return "";
        }
        StringBuilder s = new StringBuilder(" (alone:");
        r.accuracyByAttack().forEach((label, acc) -> s.append(' ').append(lossOf(label)).append(' ').append(percent(acc)));
        return s.append(')').toString();
    }

    /** Attacks in one plan differ only in their loss, so that is what the breakdown names. */
    private static String lossOf(String label) {
        int at = label.lastIndexOf("loss=");
        return at < 0 ? label : label.substring(at + 5).split(" ")[0];
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
    }
}
