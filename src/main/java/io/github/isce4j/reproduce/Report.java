package io.github.isce4j.reproduce;

import io.github.isce4j.AtomicFile;
import io.github.isce4j.render.MarkdownHtml;
import io.github.isce4j.train.Version;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * report.md and its self-contained twin index.html: a headline of which claims hold under which
 * protocol, the judged claims, then every selected table and figure, drawn from result files only.
 */
final class Report {

    private Report() {}

    private static final String CLAIMS_HEADING = "Claims of the paper's text";
    /** The heading's id in index.html and on GitHub: lower case, punctuation dropped, spaces as hyphens. */
    private static final String CLAIMS_ANCHOR = "claims-of-the-papers-text";

    /** The four measurement columns of a claim, in {@link Claims.Claim#verdicts()} order. */
    private static final String[] COLUMNS = {"paper protocol, I-SCE paper variant", "bounded protocol, I-SCE paper variant",
        "paper protocol, I-SCE code variant", "bounded protocol, I-SCE code variant"};

    static Path write(Results results, List<Recipe> recipes, Throughput throughput) throws IOException {
        StringBuilder sections = new StringBuilder();
        List<String> contents = new ArrayList<>();
        for (Recipe recipe : recipes) {
            sections.append("## ").append(recipe.title()).append("\n\n").append(Sections.notes(recipe, results))
                    .append(recipe.render(results).strip()).append("\n\n");
            contents.add(recipe.title());
        }
        List<Claims.Claim> claims = Claims.evaluate(results);
        StringBuilder md = new StringBuilder();
        md.append("# Reproducing Song et al. 2022, \"Robustness Learning via Inference-Softmax Cross Entropy\"\n\n");
        md.append(String.format(Locale.ROOT, "isce4j %s (commit %s, DJL %s, PyTorch %s), budget **%s**, report written "
                + "%s.%n%n", Version.ISCE4J, Version.COMMIT, Version.DJL, Version.PYTORCH, results.budget().id(),
                Instant.now().toString().substring(0, 19) + "Z"));
        md.append(Sections.MARKS).append("\n\n");
        md.append("## Headline\n\n").append(headline(results.budget(), claims)).append('\n');
        md.append("## ").append(CLAIMS_HEADING).append("\n\n").append(claimsTable(claims)).append('\n');
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
    static String headline(Budget budget, List<Claims.Claim> claims) {
        StringBuilder s = new StringBuilder();
        if (budget == Budget.SMOKE) {
            s.append("**Smoke budget: tiny subsets that only exercise every recipe; no number here says anything about "
                    + "the paper.**\n\n");
        }
        if (budget == Budget.QUICK) {
            s.append("**Quick budget: the LeNet-5 experiments (Figs. 10 and 12, MNIST) run near the paper's settings; the "
                    + "ResNet-32 and CNN-8 models are trained for a few dozen steps on training subsets and are far from "
                    + "converged (see their clean accuracies), so their rows exercise every recipe but do not test the "
                    + "paper's claims. Claims measured on them say so in \"measured on\".**\n\n");
        }
        for (int col = 0; col < COLUMNS.length; col++) {
            List<String> reproduced = new ArrayList<>();
            List<String> partly = new ArrayList<>();
            List<String> not = new ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
                Verdict v = claims.get(i).verdicts().get(col);
                String name = "[C" + (i + 1) + "](#" + CLAIMS_ANCHOR + ")";
                switch (v) {
                    case REPRODUCED -> reproduced.add(name);
                    case PARTLY -> partly.add(name);
                    case NOT_REPRODUCED -> not.add(name);
                    default -> { }
                }
            }
            int measured = reproduced.size() + partly.size() + not.size();
            if (measured == 0) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "- **%s**: of %d measured claims, %d reproduced%s, %d partly%s, %d not "
                    + "reproduced%s.%n", COLUMNS[col], measured, reproduced.size(), list(reproduced), partly.size(),
                    list(partly), not.size(), list(not)));
        }
        s.append("\nC1…C").append(claims.size()).append(" are the rows of the claims table below, where each "
                + "measured difference names and links the numbers it is computed from. The paper protocol "
                + "is the authors' own attack (unprojected sign-gradient steps, ε a per-step size); the bounded protocol "
                + "is projected PGD at true L2 radii with the worst of CE and margin loss, the reading a robustness "
                + "claim is normally judged by. Where the two disagree, the bounded number is the one to trust.\n");
        return s.toString();
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    private static String claimsTable(List<Claims.Claim> claims) {
        MarkdownTable t = new MarkdownTable(List.of("", "claim", "the paper says", "measured on", "D",
                "paper variant: paper protocol", "bounded", "code variant: paper protocol", "bounded"), 4);
        for (int i = 0; i < claims.size(); i++) {
            Claims.Claim c = claims.get(i);
            List<String> row = new ArrayList<>(List.of("C" + (i + 1), c.number(), c.text(), c.where(),
                    Results.format(c.claimed())));
            for (int k = 0; k < 4; k++) {
                Claims.Gap g = c.measured().get(k);
                Verdict v = c.verdicts().get(k);
                row.add(Double.isNaN(g.value()) ? (v == Verdict.NOT_MEASURED ? "—" : v.word())
                        : Results.signed(g.value()) + " " + v.word() + " (" + g.from() + ")");
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
        Reproduction.byFirstRecipe(recipes, results.cells()).forEach((recipe, own) -> {
            double seconds = own.stream().mapToDouble(throughput::measured).filter(m -> !Double.isNaN(m)).sum();
            t.row(List.of(recipe.id(), String.valueOf(own.size()), Reproduction.duration(seconds)));
        });
        return "A cell shared by several tables and figures is counted in the first that needs it.\n\n" + t;
    }
}
