package io.github.isce4j.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.JsonFile;
import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.AttackSpecJson;
import io.github.isce4j.attack.Protocol;
import io.github.isce4j.train.Provenance;
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
 * @param result the clean accuracy and the rows, one per attack setting
 * @param provenance where the numbers came from: software, model and data checksums, time
 */
public record AttackReport(
        String model, String dataset, String imagesNote, long seed, RobustnessResult result, JsonObject provenance) {

    /** The results.json format this class writes and reads. */
    public static final String FORMAT = "isce4j-attack/2";

    private static final Gson GSON = AttackSpecJson.register(new GsonBuilder())
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    /** What every table says under it. */
    public static final String FOOTER = "Robust accuracy is w.r.t. the true label; images misclassified before the "
            + "attack count as not robust. Success rate and target success are over the images classified "
            + "correctly before the attack; median norms are over the successful perturbations. Rows with "
            + "\"L2 <= e\" (or L∞) judge a minimal-perturbation attack at budget e: an image is robust when the attack "
            + "fails or needs more than e. AutoAttack rows show the robust accuracy after each stage of the cascade and how "
            + "many images that stage broke first (results.json lists which). Mean queries are those of score-based attacks "
            + "(SimBA, Square; the clean image's forward pass included); gradient attacks and AutoAttack, whose stages mix "
            + "gradient steps with score queries, show — (NaN in results.json). Bounded protocol: true L2/L∞ radii in [0, 1] pixel units; with "
            + "several attack losses an image is robust only if it survives all of them. Paper protocol "
            + "(the authors' script): unprojected sign steps of eps/2 in [0, 1] units (eps is per step in "
            + "the script's [-1, 1] units), label = clean prediction, loss = CE on the deployed output; an "
            + "assumption forced by the paper's numbers.";

    /** The plot's x axis for rows of the bounded protocol, whose eps is a true radius. */
    static final String RADIUS_AXIS = "radius eps ([0, 1] pixel units)";

    /** The plot's x axis for rows of the paper protocol, whose eps is the script's per-step size. */
    static final String PAPER_AXIS = "eps (the paper's per-step units)";

    /**
     * A report on {@code result} with what the result itself does not know defaulted: model
     * "classifier", dataset "unknown", images "N test images", seed 0, and a provenance of the
     * software, machine and time ({@link Provenance#software()}).
     *
     * @param result what an evaluation found
     * @return a builder; {@code opt} methods replace the defaults
     */
    public static Builder builder(RobustnessResult result) {
        return new Builder(result);
    }

    /**
     * Writes results.csv, results.md, results.json and results.png: {@link #write} and the
     * {@link #plot}, whose x axis says what eps means in these rows.
     *
     * @param dir the output folder, created if needed
     * @throws IOException when a file cannot be written
     */
    public void save(Path dir) throws IOException {
        // the plot first and results.json last, so that a write cut short (a full disk) never
        // leaves a results.json without its plot
        boolean paper = !rows().isEmpty() && rows().stream().allMatch(r -> r.protocol() == Protocol.PAPER);
        RobustnessPlot plot = plot(paper ? PAPER_AXIS : RADIUS_AXIS);
        if (!plot.isEmpty()) {
            plot.write(dir.resolve("results.png"));
        }
        write(dir);
    }

    /**
     * Writes results.csv, results.md and then results.json, so that a results.json is never there
     * without the other two.
     *
     * @param dir the output folder, created if needed
     * @throws IOException when a file cannot be written
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("model", model);
        json.put("dataset", dataset);
        json.put("images", imagesNote);
        json.put("seed", seed);
        json.put("clean_accuracy", cleanAccuracy());
        json.put("images_attacked", result.images());
        if (result.cleanImages() != null) {
            json.put("clean_images", result.cleanImages());
        }
        json.put("rows", rows());
        json.put("provenance", provenance);
        AtomicFile.writeString(dir.resolve("results.csv"), csv());
        AtomicFile.writeString(dir.resolve("results.md"), markdown());
        // last: its presence means the whole set is there (a reproduction's cell is done when it is)
        AtomicFile.writeString(dir.resolve("results.json"), GSON.toJson(json) + "\n");
    }

    /**
     * Reads results.json back.
     *
     * @param file a results.json written by {@link #write}
     * @return the report
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not an isce4j results file of this format
     */
    public static AttackReport read(Path file) throws IOException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + JsonFile.firstLine(e), e);
        }
        JsonElement format = json.get("format");
        if (format == null || !FORMAT.equals(format.getAsString())) {
            throw new IllegalArgumentException(file + " is not an isce4j results file of format " + FORMAT);
        }
        try {
            List<AttackRow> rows = GSON.fromJson(json.get("rows"), new TypeToken<List<AttackRow>>() {}.getType());
            JsonElement cleanImages = json.get("clean_images");
            RobustnessResult result = new RobustnessResult(
                    json.get("images_attacked").getAsInt(),
                    json.get("clean_accuracy").getAsDouble(),
                    rows,
                    cleanImages == null || cleanImages.isJsonNull() ? null : cleanImages.getAsString());
            return new AttackReport(
                    json.get("model").getAsString(),
                    json.get("dataset").getAsString(),
                    json.get("images").getAsString(),
                    json.get("seed").getAsLong(),
                    result,
                    json.getAsJsonObject("provenance"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is damaged: " + JsonFile.firstLine(e), e);
        }
    }

    /**
     * Reads the results.json of a folder.
     *
     * @param dir a folder written by {@link #save} or {@link #write}
     * @return the report
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not an isce4j results file of this format
     */
    public static AttackReport readFolder(Path dir) throws IOException {
        return read(dir.resolve("results.json"));
    }

    /** @return accuracy before any attack */
    public double cleanAccuracy() {
        return result.cleanAccuracy();
    }

    /** @return the rows, in plan order */
    public List<AttackRow> rows() {
        return result.rows();
    }

    /**
     * @param spec an attack specification that was run without budgets
     * @return its row
     */
    public AttackRow row(AttackSpec spec) {
        return result.row(spec);
    }

    /**
     * @param spec an attack specification that was run
     * @param budget the budget it was judged at
     * @return its row
     */
    public AttackRow row(AttackSpec spec, double budget) {
        return result.row(spec, budget);
    }

    /** @return the human-readable table with its heading and footer */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "%s on %s, %s, seed %d: clean accuracy %s%n%n",
                model,
                dataset,
                imagesNote,
                seed,
                percent(cleanAccuracy())));
        md.append("| attack | protocol | robust acc | success rate | target success | median L2 | median L∞ "
                + "| mean queries | time | img/s |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (AttackRow r : rows()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %.1f s | %,.0f |%n",
                    r.attack() + byPart(r),
                    r.protocol(),
                    percent(r.robustAccuracy()),
                    percent(r.successRate()),
                    percent(r.targetSuccessRate()),
                    number(r.medianL2()),
                    number(r.medianLinf()),
                    Double.isNaN(r.meanQueries()) ? "—" : String.format(Locale.ROOT, "%.1f", r.meanQueries()),
                    r.seconds(),
                    r.imagesPerSecond()));
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
        for (AttackRow r : rows()) {
            if (Double.isFinite(r.eps())) {
                String line = curveName(r.spec());
                plot.add(line, 0, cleanAccuracy());
                plot.add(line, r.eps(), r.robustAccuracy());
            }
        }
        return plot;
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("attack,protocol,eps,images,clean_accuracy,robust_accuracy,success_rate,"
                + "target_success_rate,median_l2,median_linf,mean_queries,seconds,images_per_second\n");
        for (AttackRow r : rows()) {
            csv.append(String.format(
                    Locale.ROOT,
                    "\"%s\",%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%.3f,%.1f%n",
                    r.attack().replace("\"", "\"\""),
                    r.protocol(),
                    r.eps(),
                    r.images(),
                    r.cleanAccuracy(),
                    r.robustAccuracy(),
                    r.successRate(),
                    r.targetSuccessRate(),
                    r.medianL2(),
                    r.medianLinf(),
                    r.meanQueries(),
                    r.seconds(),
                    r.imagesPerSecond()));
        }
        return csv.toString();
    }

    /**
     * The parts of one spec differ only in their loss, or are the stages of a cascade, so that is
     * what the breakdown names: accuracy against each loss alone, or after each stage with the
     * number of images that stage broke first.
     */
    static String byPart(AttackRow r) {
        if (r.parts().size() < 2) {
            return "";
        }
        if (r.spec().cascade()) {
            return r.parts().stream()
                    .map(p -> p.spec().partName() + " " + percent(p.afterAccuracy()) + " ["
                            + p.broke().size() + " broken, " + Math.round(p.seconds()) + " s]")
                    .collect(java.util.stream.Collectors.joining(", ", " (after: ", ")"));
        }
        StringBuilder s = new StringBuilder(" (alone:");
        r.parts()
                .forEach(p ->
                        s.append(' ').append(p.spec().partName()).append(' ').append(percent(p.robustAccuracy())));
        return s.append(')').toString();
    }

    /** @return the spec's label with its radius left out: rows differing only in eps form one curve */
    static String curveName(AttackSpec spec) {
        return spec.label().replace(" eps=" + spec.radius(), "");
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Builds an {@link AttackReport} around a result; every other value has a default (see
     * {@link AttackReport#builder}).
     */
    public static final class Builder {

        private final RobustnessResult result;
        private String model = "classifier";
        private String dataset = "unknown";
        private String imagesNote;
        private long seed;
        private JsonObject provenance;

        private Builder(RobustnessResult result) {
            if (result == null) {
                throw new IllegalArgumentException("a report needs the result it reports");
            }
            this.result = result;
        }

        /**
         * @param model one line naming the classifier, e.g. {@code Classifier.description()}
         * @return this builder
         */
        public Builder optModel(String model) {
            this.model = model;
            return this;
        }

        /**
         * @param dataset the dataset's id, e.g. {@code mnist}
         * @return this builder
         */
        public Builder optDataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * @param imagesNote which test images, e.g. "the first 1,000 test images"
         * @return this builder
         */
        public Builder optImagesNote(String imagesNote) {
            this.imagesNote = imagesNote;
            return this;
        }

        /**
         * @param seed the attack seed the evaluation ran with
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param provenance where the numbers came from, e.g. from {@link Target#provenance}
         * @return this builder
         */
        public Builder optProvenance(JsonObject provenance) {
            this.provenance = provenance;
            return this;
        }

        /**
         * @return the report
         * @throws IllegalArgumentException when a text was set to null or blank
         */
        public AttackReport build() {
            requireText(model, "optModel");
            requireText(dataset, "optDataset");
            String note =
                    imagesNote != null ? imagesNote : String.format(Locale.ROOT, "%,d test images", result.images());
            requireText(note, "optImagesNote");
            return new AttackReport(
                    model, dataset, note, seed, result, provenance != null ? provenance : Provenance.software());
        }

        private static void requireText(String value, String call) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a report needs a non-blank text in " + call);
            }
        }
    }
}
