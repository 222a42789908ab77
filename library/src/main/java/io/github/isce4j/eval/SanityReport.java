package io.github.isce4j.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.eval.SanityCheck.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * docs/method.md §7's checks for one classifier: written as sanity.json, sanity.md and sanity.png (accuracy
 * against eps per attack), with the attack rows they rest on as results.json, results.csv and
 * results.md beside them.
 *
 * @param attacks the attack rows and where they were run
 * @param checks the nine checks
 * @param plot accuracy against eps for the attacks the checks compare
 * @param norm the norm of every attack
 */
public record SanityReport(AttackReport attacks, java.util.List<SanityCheck> checks, RobustnessPlot plot, Norm norm) {

    /**
     * @param attacks the attack rows and where they were run
     * @param outcome the checks
     * @return the report
     */
    public static SanityReport of(AttackReport attacks, SanityChecks.Outcome outcome) {
        return new SanityReport(attacks, outcome.checks(), outcome.plot(), outcome.norm());
    }

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    /**
     * Writes sanity.json, sanity.md, sanity.png and the attack results.
     *
     * @param dir the output folder, created if needed
     * @throws IOException when a file cannot be written
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        attacks.write(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "isce4j-sanity/1");
        json.put("model", attacks.model());
        json.put("dataset", attacks.dataset());
        json.put("images", attacks.imagesNote());
        json.put("seed", attacks.seed());
        json.put("norm", norm.id());
        json.put("clean_accuracy", attacks.cleanAccuracy());
        json.put("checks", checks);
        json.put("summary", summary());
        AtomicFile.writeString(dir.resolve("sanity.json"), GSON.toJson(json) + "\n");
        AtomicFile.writeString(dir.resolve("sanity.md"), markdown());
        plot.write(dir.resolve("sanity.png"));
    }

    /** @return e.g. "7 of 8 checks ok, 1 warning, 0 failed" */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%d of %d checks ok, %d warning%s, %d failed",
                count(Verdict.OK),
                checks.size(),
                count(Verdict.WARNING),
                count(Verdict.WARNING) == 1 ? "" : "s",
                count(Verdict.FAILED));
    }

    /** @return e.g. "8 of 8 ok" or "7 of 8 ok; warning: 6" */
    public String brief() {
        StringBuilder s =
                new StringBuilder(String.format(Locale.ROOT, "%d of %d ok", count(Verdict.OK), checks.size()));
        for (Verdict v : new Verdict[] {Verdict.WARNING, Verdict.FAILED}) {
            String numbers = checks.stream()
                    .filter(c -> c.verdict() == v)
                    .map(c -> String.valueOf(c.number()))
                    .collect(java.util.stream.Collectors.joining(", "));
            if (!numbers.isEmpty()) {
                s.append("; ").append(v.word()).append(": ").append(numbers);
            }
        }
        return s.toString();
    }

    /** @return the checks that did not come out ok */
    public java.util.List<SanityCheck> flagged() {
        return checks.stream().filter(c -> c.verdict() != Verdict.OK).collect(java.util.stream.Collectors.toList());
    }

    /** @return whether any check failed */
    public boolean anyFailed() {
        return count(Verdict.FAILED) > 0;
    }

    /** @return the checks as a table with heading and summary */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Sanity checks against gradient masking (docs/method.md §7) with %s attacks: %s on %s, "
                        + "%s, seed %d, clean accuracy %s%n%n",
                norm.symbol(),
                attacks.model(),
                attacks.dataset(),
                attacks.imagesNote(),
                attacks.seed(),
                AttackReport.percent(attacks.cleanAccuracy())));
        md.append("| # | must hold | verdict | measured |\n|---:|---|---|---|\n");
        for (SanityCheck c : checks) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %s |%n",
                    c.number(),
                    c.claim(),
                    c.verdict().word(),
                    c.measured()));
        }
        md.append('\n')
                .append(summary())
                .append(String.format(
                        Locale.ROOT,
                        ". A rise of up to %.0f point where "
                                + "accuracy must not rise is tolerated; robust accuracy is w.r.t. the true label.%n",
                        100 * SanityChecks.TOLERANCE));
        return md.toString();
    }

    private long count(Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).count();
    }
}
