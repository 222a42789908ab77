package io.github.isce4j.reproduce;

import io.github.isce4j.AtomicFile;
import io.github.isce4j.render.MarkdownHtml;
import io.github.isce4j.stats.Bootstrap;
import io.github.isce4j.train.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.md and its self-contained twin index.html: a headline of which claims hold under which
 * protocol, the judged claims, then every selected table and figure, drawn from result files only.
 */
final class Report {

    private Report() {}

    private static final String CLAIMS_HEADING = "Claims of the paper's text";

    /** How the report's intervals are computed and how a verdict is read from one. */
    static final String UNCERTAINTY = String.format(
            Locale.ROOT,
            "Every accuracy is followed by its exact (Clopper-Pearson) 95 %% interval over its test images. "
                    + "Every difference has a 95 %% paired percentile bootstrap interval over images (%,d replicates, "
                    + "seed %d; each test set, a dataset's first N images, resampled once per replicate and shared by "
                    + "every model measured on it; a best rival, median or smallest taken anew in each replicate). A "
                    + "verdict is given when both ends of the interval give it, inconclusive when they differ.",
            Bootstrap.REPLICATES,
            Bootstrap.SEED);

    static Path write(Results results, List<Recipe> recipes, Throughput throughput) throws IOException {
        StringBuilder sections = new StringBuilder();
        List<String> contents = new ArrayList<>();
        for (Recipe recipe : recipes) {
            sections.append("## ")
                    .append(recipe.title())
                    .append("\n\n")
                    .append(Sections.notes(recipe, results))
                    .append(recipe.render(results).strip())
                    .append("\n\n");
            contents.add(recipe.title());
        }
        List<ClaimVerdict> claims = Claims.evaluate(results);
        VerdictsFile.write(results.out().resolve(VerdictsFile.NAME), results.budget(), claims);
        StringBuilder md = new StringBuilder();
        md.append("# Reproducing Song et al. 2022, \"Robustness Learning via Inference-Softmax Cross Entropy\"\n\n");
        md.append(String.format(
                Locale.ROOT,
                "isce4j %s (commit %s, DJL %s, PyTorch %s), budget **%s**, report written " + "%s.%n%n",
                Version.ISCE4J,
                Version.COMMIT,
                Version.DJL,
                Version.PYTORCH,
                results.budget().id(),
                Instant.now().toString().substring(0, 19) + "Z"));
        md.append(FirstScreen.render(claims)).append('\n');
        md.append(Sections.VARIANTS).append("\n\n");
        md.append(Sections.MARKS).append("\n\n");
        md.append("## Headline\n\n")
                .append(headline(results.budget(), claims))
                .append(strongest(results, claims))
                .append('\n');
        md.append("## ")
                .append(CLAIMS_HEADING)
                .append("\n\n")
                .append(claimsTable(claims))
                .append('\n');
        md.append(sections);
        md.append("## Budget, reductions and time\n\n");
        results.budget().reductions().forEach(r -> md.append("- ").append(r).append('\n'));
        md.append('\n').append(times(results, recipes, throughput)).append('\n');
        md.append("Every number links to the result file it was read from (results.md beside results.json, "
                + "the isce4j-attack/2 JSON with the attack specification and provenance). Training: Adam, learning "
                + "rate 1e-3, batch 128, seed 0; attacks seed 0, batches of 250.\n");
        Path report = results.out().resolve("report.md");
        AtomicFile.writeString(report, md.toString());
        MarkdownHtml.write(md.toString(), results.out(), results.out().resolve("index.html"));
        return report;
    }

    /** @return a few sentences: per protocol and I-SCE variant, which claims hold */
    static String headline(Budget budget, List<ClaimVerdict> claims) {
        StringBuilder s = new StringBuilder();
        String warning = budget.settings().headline();
        if (!warning.isEmpty()) {
            s.append(warning).append("\n\n");
        }
        Map<String, Convergence.Shortfall> below = new LinkedHashMap<>();
        for (ClaimVerdict.Column column : ClaimVerdict.Column.values()) {
            List<String> reproduced = new ArrayList<>();
            List<String> partly = new ArrayList<>();
            List<String> not = new ArrayList<>();
            List<String> inconclusive = new ArrayList<>();
            List<String> untested = new ArrayList<>();
            for (ClaimVerdict c : claims) {
                Verdict v = c.in(column).verdict();
                String name = "[" + c.id() + "](#" + FirstScreen.anchor(c) + ")";
                switch (v) {
                    case REPRODUCED -> reproduced.add(name);
                    case PARTLY -> partly.add(name);
                    case NOT_REPRODUCED -> not.add(name);
                    case INCONCLUSIVE -> inconclusive.add(name);
                    case NOT_TESTED -> untested.add(name);
                    default -> {}
                }
                c.in(column).belowBar().forEach(f -> below.putIfAbsent(f.model(), f));
            }
            int measured = reproduced.size() + partly.size() + not.size() + inconclusive.size();
            if (measured + untested.size() == 0) {
                continue;
            }
            s.append(String.format(
                    Locale.ROOT,
                    "- **%s**: of %d tested claims, %d reproduced%s, %d partly%s, %d not reproduced%s, %d "
                            + "inconclusive%s%s.%n",
                    column.label(),
                    measured,
                    reproduced.size(),
                    list(reproduced),
                    partly.size(),
                    list(partly),
                    not.size(),
                    list(not),
                    inconclusive.size(),
                    list(inconclusive),
                    untested.isEmpty() ? "" : "; " + untested.size() + " not tested at this budget" + list(untested)));
        }
        if (!below.isEmpty()) {
            s.append("- **Not tested at this budget**: a claim resting on a model whose clean accuracy is below its "
                            + "convergence bar (docs/reproduce.md) gets no verdict and is left out of the counts above; "
                            + "those models, marked " + Sections.BELOW_BAR + " in the tables: ")
                    .append(String.join(
                            "; ",
                            below.values().stream()
                                    .map(Convergence.Shortfall::reason)
                                    .toList()))
                    .append(".\n");
        }
        s.append("\nC1…C")
                .append(claims.size())
                .append(" are the rows of the claims table below, where each "
                        + "measured difference names and links the numbers it is computed from. The paper protocol "
                        + "is the authors' own attack (unprojected sign-gradient steps, ε a per-step size); the bounded protocol "
                        + "is projected PGD at true L2 radii with the worst of CE and margin loss, the reading a robustness "
                        + "claim is normally judged by. Where the two disagree, the bounded number is the one to trust. "
                        + "A verdict is given when the whole 95 % interval of the measured difference supports it; "
                        + "inconclusive claims are those whose interval spans two verdicts.\n");
        return s.toString();
    }

    /**
     * @return the headline's sentences on AutoAttack and the sanity checks: which claims reproduced
     *     under bounded PGD stay reproduced under AutoAttack, on which models PGD overstated
     *     robustness, and which operands rest on a model that failed a sanity check; "" when none
     *     applies
     */
    static String strongest(Results results, List<ClaimVerdict> claims) {
        StringBuilder s = new StringBuilder();
        String survive = survivors(claims);
        if (!survive.isEmpty()) {
            s.append('\n').append(survive).append('\n');
            List<String> overstated = Claims.overstated(results);
            s.append('\n')
                    .append(
                            overstated.isEmpty()
                                    ? "On no model of a PGD claim is AutoAttack far below PGD at the same radius."
                                    : String.format(
                                            Locale.ROOT,
                                            "PGD overstated robustness (AutoAttack more than %.0f points lower on "
                                                    + "the same model and images, sanity check 9's threshold): %s.",
                                            100 * io.github.isce4j.eval.SanityChecks.AUTOATTACK_FAR_BELOW,
                                            String.join("; ", overstated)))
                    .append('\n');
        }
        String failed = failedOperands(claims);
        if (!failed.isEmpty()) {
            s.append('\n').append(failed).append('\n');
        }
        return s.toString();
    }

    /** @return per I-SCE variant, the claims reproduced under bounded PGD that AutoAttack keeps or loses */
    private static String survivors(List<ClaimVerdict> claims) {
        List<String> parts = new ArrayList<>();
        ClaimVerdict.Column[][] pairs = {
            {ClaimVerdict.Column.PAPER_VARIANT_BOUNDED, ClaimVerdict.Column.PAPER_VARIANT_AUTOATTACK},
            {ClaimVerdict.Column.CODE_VARIANT_BOUNDED, ClaimVerdict.Column.CODE_VARIANT_AUTOATTACK}
        };
        for (ClaimVerdict.Column[] pair : pairs) {
            List<String> kept = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            boolean measured = false;
            for (ClaimVerdict c : claims) {
                Verdict aa = c.in(pair[1]).verdict();
                measured |= aa != Verdict.NOT_MEASURED;
                if (c.in(pair[0]).verdict() == Verdict.REPRODUCED && aa != Verdict.NOT_MEASURED) {
                    (aa == Verdict.REPRODUCED ? kept : lost).add("[" + c.id() + "](#" + FirstScreen.anchor(c) + ")");
                }
            }
            if (measured) {
                parts.add(String.format(
                        Locale.ROOT,
                        "I-SCE %s: %s%s",
                        pair[1] == ClaimVerdict.Column.PAPER_VARIANT_AUTOATTACK ? "paper variant" : "code variant",
                        kept.isEmpty() ? "none" : String.join(", ", kept) + " reproduced under AutoAttack too",
                        lost.isEmpty() ? "" : "; " + String.join(", ", lost) + " not"));
            }
        }
        return parts.isEmpty()
                ? ""
                : "**Under the strongest attack**, AutoAttack at the bounded protocol's radius on the same models "
                        + "and images, of the PGD claims reproduced under bounded PGD: "
                        + String.join("; ", parts) + ".";
    }

    /** @return the operands of the claims whose model failed a sanity check, each with its claims; "" when none */
    private static String failedOperands(List<ClaimVerdict> claims) {
        java.util.Map<String, java.util.Set<String>> failed = new java.util.LinkedHashMap<>();
        String mark = " " + Sections.FAILED;
        for (ClaimVerdict c : claims) {
            for (ClaimVerdict.Judgement j : c.judgements()) {
                j.sources().stream()
                        .filter(src -> src.name().endsWith(mark))
                        .forEach(src -> failed.computeIfAbsent(
                                        src.name().substring(0, src.name().length() - mark.length()),
                                        k -> new java.util.LinkedHashSet<>())
                                .add(c.id()));
            }
        }
        if (failed.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        failed.forEach((name, ids) -> parts.add(name + " (" + String.join(", ", ids) + ")"));
        return "**Gradient masking among the operands:** these models failed a sanity check (" + Sections.FAILED
                + " beside the operand in the claims table), so the differences they enter are not to be trusted "
                + "as they are: " + String.join("; ", parts) + ".";
    }

    /** @return which models left a claim untested, e.g. " (ResNet-32 MNIST SCE ‡)"; "" when it is tested */
    private static String belowBar(ClaimVerdict.Judgement j) {
        return j.belowBar().isEmpty()
                ? ""
                : " ("
                        + String.join(
                                ", ",
                                j.belowBar().stream()
                                        .map(f -> f.model() + " " + Sections.BELOW_BAR)
                                        .toList())
                        + ")";
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    private static String claimsTable(List<ClaimVerdict> claims) {
        MarkdownTable t = new MarkdownTable(
                List.of(
                        "",
                        "claim",
                        "the paper says",
                        "measured on",
                        "D",
                        "paper variant: paper protocol",
                        "bounded",
                        "code variant: paper protocol",
                        "bounded",
                        "AutoAttack: paper variant",
                        "code variant"),
                4);
        for (ClaimVerdict c : claims) {
            List<String> row = new ArrayList<>(List.of(
                    "<a id=\"" + FirstScreen.anchor(c) + "\"></a>" + c.id(),
                    c.claim().number(),
                    c.claim().text(),
                    c.claim().where(),
                    Results.format(c.claim().claimed())));
            for (ClaimVerdict.Judgement j : c.judgements()) {
                row.add(judgement(j));
            }
            t.row(row);
        }
        return "Measured differences in points (ours), each with its 95 % interval, its verdict and the numbers it "
                + "is computed from, "
                + "linked to their result files (a median or a smallest names the difference it is read from): "
                + "reproduced when ≥ D − 5, partly when of D's sign and ≥ 5, not reproduced otherwise; for \"is the "
                + "best\" claims (D = 0) reproduced when not more than 5 points below the best. AutoAttack: the PGD claims "
                + "measured again with AutoAttack (standard) at the bounded protocol's radius, on the same models and "
                + "test images. An operand marked " + Sections.FAILED + " rests on a model that failed a sanity check "
                + "against gradient masking, " + Sections.WARNED + " on one that passed with a warning. \"—\": no "
                + "measurement (a protocol that does not apply, or a table or figure left out of this run). "
                + UNCERTAINTY + "\n\n" + t;
    }

    /** @return e.g. "+12.3 [+5.1, +19.0] reproduced (…)", or the point estimate's verdict marked as such */
    private static String judgement(ClaimVerdict.Judgement j) {
        Verdict v = j.verdict();
        if (Double.isNaN(j.measured())) {
            return v == Verdict.NOT_MEASURED ? "—" : v.word();
        }
        String interval = j.interval() == null
                ? " (no interval: a result file predates per-image outcomes) " + v.word() + " on the point estimate"
                : " " + Results.signed(j.interval()) + " " + v.word();
        return Results.signed(j.measured()) + interval + belowBar(j) + " (" + j.from() + ")";
    }

    private static String times(Results results, List<Recipe> recipes, Throughput throughput) {
        MarkdownTable t = new MarkdownTable(List.of("table / figure", "cells", "measured time of its cells here"));
        Recipes.byFirstRecipe(recipes, results.cells()).forEach((recipe, own) -> {
            double seconds = own.stream()
                    .mapToDouble(throughput::measured)
                    .filter(m -> !Double.isNaN(m))
                    .sum();
            t.row(List.of(recipe.id(), String.valueOf(own.size()), Throughput.duration(seconds)));
        });
        return "A cell shared by several tables and figures is counted in the first that needs it.\n\n" + t;
    }
}
