package io.github.isce4j.reproduce;

import io.github.isce4j.AtomicFile;
import io.github.isce4j.render.MarkdownHtml;
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
    /** The heading's id in index.html and on GitHub: lower case, punctuation dropped, spaces as hyphens. */
    private static final String CLAIMS_ANCHOR = "claims-of-the-papers-text";

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
        md.append(Sections.MARKS).append("\n\n");
        md.append("## Headline\n\n").append(headline(results.budget(), claims)).append('\n');
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
            List<String> untested = new ArrayList<>();
            for (ClaimVerdict c : claims) {
                Verdict v = c.in(column).verdict();
                String name = "[" + c.id() + "](#" + CLAIMS_ANCHOR + ")";
                switch (v) {
                    case REPRODUCED -> reproduced.add(name);
                    case PARTLY -> partly.add(name);
                    case NOT_REPRODUCED -> not.add(name);
                    case NOT_TESTED -> untested.add(name);
                    default -> {}
                }
                c.in(column).belowBar().forEach(f -> below.putIfAbsent(f.model(), f));
            }
            int measured = reproduced.size() + partly.size() + not.size();
            if (measured + untested.size() == 0) {
                continue;
            }
            s.append(String.format(
                    Locale.ROOT,
                    "- **%s**: of %d tested claims, %d reproduced%s, %d partly%s, %d not " + "reproduced%s%s.%n",
                    column.label(),
                    measured,
                    reproduced.size(),
                    list(reproduced),
                    partly.size(),
                    list(partly),
                    not.size(),
                    list(not),
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
                .append(
                        " are the rows of the claims table below, where each "
                                + "measured difference names and links the numbers it is computed from. The paper protocol "
                                + "is the authors' own attack (unprojected sign-gradient steps, ε a per-step size); the bounded protocol "
                                + "is projected PGD at true L2 radii with the worst of CE and margin loss, the reading a robustness "
                                + "claim is normally judged by. Where the two disagree, the bounded number is the one to trust.\n");
        return s.toString();
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
                        "bounded"),
                4);
        for (ClaimVerdict c : claims) {
            List<String> row = new ArrayList<>(List.of(
                    c.id(),
                    c.claim().number(),
                    c.claim().text(),
                    c.claim().where(),
                    Results.format(c.claim().claimed())));
            for (ClaimVerdict.Judgement j : c.judgements()) {
                Verdict v = j.verdict();
                row.add(
                        Double.isNaN(j.measured())
                                ? (v == Verdict.NOT_MEASURED ? "—" : v.word())
                                : Results.signed(j.measured()) + " " + v.word() + belowBar(j) + " (" + j.from() + ")");
            }
            t.row(row);
        }
        return "Measured differences in points (ours), each with its verdict and the numbers it is computed from, "
                + "linked to their result files (a median or a smallest names the difference it is read from): "
                + "reproduced when ≥ D − 5, partly when of D's sign and ≥ 5, not reproduced otherwise; for \"is the "
                + "best\" claims (D = 0) reproduced when not more than 5 points below the best. \"—\": no measurement (a protocol that does not apply, "
                + "or a table or figure left out of this run).\n\n" + t;
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
