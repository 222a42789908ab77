package io.github.isce4j.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The claims measured again on models trained with other seeds ({@link Seeds}): per claim and
 * column whose numbers rest on a replicated model, the measured difference for each seed and its
 * spread, beside the seed-0 verdict the claims table gives. It shows how much of a difference is
 * the training's luck, which the intervals over test images cannot.
 */
final class SeedSpread implements Recipe {

    @Override
    public String id() {
        return "seeds";
    }

    @Override
    public String title() {
        return "Spread over training seeds";
    }

    @Override
    public List<Cell> cells(Cells cells) {
        int count = cells.seeds().count();
        if (count <= 1) {
            return List.of();
        }
        Set<Cell> all = new LinkedHashSet<>();
        for (int k = 0; k < count; k++) {
            all.addAll(Claims.cells(cells.withSeed(k)));
        }
        return List.copyOf(all);
    }

    @Override
    public String render(Results results) {
        Seeds seeds = results.cells().seeds();
        if (seeds.count() <= 1) {
            return "Every model is trained with seed 0 only (with K seeds, the claims' models are trained K times and "
                    + "this section shows how much each claim's difference moves between them).\n";
        }
        List<List<ClaimVerdict>> bySeed = new ArrayList<>();
        for (int k = 0; k < seeds.count(); k++) {
            bySeed.add(
                    Claims.evaluate(new Results(results.out(), results.cells().withSeed(k))));
        }
        List<String> header = new ArrayList<>(List.of("claim", "measured as"));
        for (int k = 0; k < seeds.count(); k++) {
            header.add("seed " + k);
        }
        header.add("spread (max − min)");
        MarkdownTable table = new MarkdownTable(header, 2);
        int rows = 0;
        List<ClaimVerdict> first = bySeed.get(0);
        for (int c = 0; c < first.size(); c++) {
            for (ClaimVerdict.Column column : ClaimVerdict.Column.values()) {
                List<ClaimVerdict.Judgement> judged = new ArrayList<>();
                for (List<ClaimVerdict> claims : bySeed) {
                    judged.add(claims.get(c).in(column));
                }
                if (replicated(judged)) {
                    table.row(row(first.get(c), column, judged));
                    rows++;
                }
            }
        }
        String intro = String.format(
                Locale.ROOT,
                "Models trained with %d seeds (0 … %d): %s on %s. Every other model keeps seed 0, so a claim's "
                        + "difference moves only through the replicated models it rests on; the claims table's verdicts "
                        + "are seed 0's. A row per claim and column whose numbers rest on a replicated model.\n\n",
                seeds.count(),
                seeds.count() - 1,
                String.join(
                        ", ",
                        seeds.methods().stream().sorted().map(Method::label).toList()),
                String.join(
                        ", ",
                        seeds.settings().stream()
                                .map(Setting::toString)
                                .sorted()
                                .toList()));
        return intro + (rows == 0 ? "*(no claim measured on a replicated model in this run)*\n" : table.toString());
    }

    /** @return whether the seeds' measurements read different result files (a replicated model) and all are measured */
    private static boolean replicated(List<ClaimVerdict.Judgement> judged) {
        if (judged.stream().anyMatch(j -> Double.isNaN(j.measured()))) {
            return false;
        }
        List<String> files =
                judged.get(0).sources().stream().map(ClaimVerdict.Source::file).toList();
        return judged.stream()
                .skip(1)
                .anyMatch(j -> !Objects.equals(
                        files,
                        j.sources().stream().map(ClaimVerdict.Source::file).toList()));
    }

    private static List<String> row(
            ClaimVerdict claim, ClaimVerdict.Column column, List<ClaimVerdict.Judgement> judged) {
        List<String> row =
                new ArrayList<>(List.of(claim.id() + " (claim " + claim.claim().number() + ")", column.label()));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ClaimVerdict.Judgement j : judged) {
            row.add(Results.signed(j.measured()) + " " + j.verdict().word());
            min = Math.min(min, j.measured());
            max = Math.max(max, j.measured());
        }
        row.add(Results.format(max - min));
        return row;
    }
}
