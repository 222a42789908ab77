package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What several sections share: the sanity-checked models, how a method's row is named and marked,
 * the threat models, and the notes under every heading.
 */
final class Sections {

    private Sections() {}

    /**
     * The methods whose models get the sanity checks (docs/method.md §7): every method a claim
     * compares, so that a rival's robustness resting on gradient masking is flagged too. Random
     * resize + pad is left out: its model is SCE's (checked), and the checks attack the trained
     * model, not the randomized wrapper.
     */
    static final List<Method> CHECKED =
            Method.ALL.stream().filter(m -> m != Method.RANDOM).toList();

    /** Marks a method whose model failed a sanity check: its robust accuracies are not to be trusted as they are. */
    static final String FAILED = "⚠";
    /** Marks a method whose model passed its sanity checks with a warning: its numbers hold with a caveat. */
    static final String WARNED = "†";

    /** Marks a method whose model is below its convergence bar: no claim is judged on it at this budget. */
    static final String BELOW_BAR = "‡";

    /** The marks, explained once at the top of the report. */
    static final String MARKS = "Marks beside a method: " + FAILED
            + " its model failed a sanity check against gradient "
            + "masking (docs/method.md §7), so its robust accuracies are not to be trusted as they are; " + WARNED
            + " it passed them with a warning (the numbers hold with the caveat its checks name); " + BELOW_BAR
            + " its clean accuracy is below its convergence bar (docs/reproduce.md): it has not learned what the "
            + "paper's model learned, and no claim is judged on it (not tested at this budget). Under each table and "
            + "figure: the budget's reductions that affect it, the sanity verdicts of the models it measures and the "
            + "models below their bar.";

    /** What the two I-SCE rows and columns are, said once at the top of the report. */
    static final String VARIANTS =
            "I-SCE is measured in two variants (docs/method.md §1): the **paper variant** trains "
                    + "with the boost on the label's entry, o_y = s·t_y + m, as the paper's Eq. 4 writes it; the **code variant** "
                    + "boosts the currently predicted class instead, o_c = clip(s·(t_c + m), −1, 1) with c = argmax z, as the "
                    + "authors' surviving training script computes it. Both deploy the same way, and both are judged on every claim.";

    /** Threat models, named in every caption of an attack and in every claim. */
    static final String WHITE_BOX = "white-box";

    static final String BLACK_BOX = "black-box, score-based";
    /** The captions' sentences that name and explain them. */
    static final String WHITE_BOX_CAPTION = "Threat model: " + WHITE_BOX + ", the attacker has the deployed model's "
            + "gradients (random resize + pad: the exact expectation over all its patterns, EOT)";

    static final String BLACK_BOX_CAPTION = "Threat model: " + BLACK_BOX + ", SimBA sees only the deployed model's "
            + "output probabilities, no gradients";

    /**
     * @return the method's label, marked when its model failed a sanity check or passed with a warning,
     *     and when it is below its convergence bar
     */
    static String method(Results results, Architecture network, DatasetName dataset, Method method) {
        String label = method.label() + mark(results, new Setting(network, dataset), method);
        return Convergence.check(results, results.cells().model(network, dataset, method)) == null
                ? label
                : label + " " + BELOW_BAR;
    }

    /**
     * @return " ⚠" when the method's model failed a sanity check, " †" when it passed with a
     *     warning, "" otherwise (not checked, or not run yet)
     */
    static String mark(Results results, Setting setting, Method method) {
        return CHECKED.contains(method)
                ? mark(results.sanity(results.cells().sanity(setting.network(), setting.dataset(), method)))
                : "";
    }

    private static String mark(SanityCell.Verdicts v) {
        return v == null || v.flagged().isEmpty() ? "" : " " + (v.failed() ? FAILED : WARNED);
    }

    /**
     * @return what is printed right under a section's heading: the reductions of the budget that
     *     affect it and the sanity verdicts of the checked models it measures
     */
    static String notes(Recipe recipe, Results results) {
        Budget budget = results.budget();
        List<Cell> cells = recipe.cells(results.cells());
        List<String> reductions = budget.reductions(recipe.id(), settings(recipe, results.cells()));
        StringBuilder md = new StringBuilder(
                reductions.isEmpty()
                        ? "*Budget " + budget.id() + ": no reduction of the paper's settings affects this section.*"
                        : "*Budget " + budget.id() + " reduces here:* " + String.join("; ", reductions) + ".");
        md.append("\n\n");
        List<TrainingCell> measured =
                models(cells.stream().filter(c -> !(c instanceof SanityCell)).toList());
        String sanity = sanity(measured, results);
        if (!sanity.isEmpty()) {
            md.append("*Sanity checks of the models it measures:* ")
                    .append(sanity)
                    .append(".\n\n");
        }
        List<Convergence.Shortfall> below = Convergence.shortfalls(results, measured);
        if (!below.isEmpty()) {
            md.append("*Below their convergence bar (" + BELOW_BAR + ", no claim judged on them):* ")
                    .append(String.join(
                            "; ",
                            below.stream().map(Convergence.Shortfall::reason).toList()))
                    .append(".\n\n");
        }
        return md.toString();
    }

    /** @return the trained models the cells rest on */
    private static List<TrainingCell> models(List<Cell> cells) {
        return cells.stream()
                .flatMap(c -> Stream.concat(c.needs().stream(), Stream.of(c)))
                .filter(c -> c instanceof TrainingCell)
                .map(c -> (TrainingCell) c)
                .distinct()
                .toList();
    }

    /** @return the networks and datasets of every model a recipe trains */
    static Set<Setting> settings(Recipe recipe, Cells cells) {
        Set<Setting> settings = new LinkedHashSet<>();
        models(recipe.cells(cells))
                .forEach(m ->
                        settings.add(new Setting(m.config().model(), m.config().dataset())));
        return settings;
    }

    /** @return per network and dataset, each checked model's verdicts linked to its sanity.md; "" when none is measured */
    private static String sanity(List<TrainingCell> models, Results results) {
        Set<String> keys = models.stream().map(TrainingCell::key).collect(Collectors.toSet());
        List<String> parts = new ArrayList<>();
        for (Setting s : Setting.ALL) {
            boolean checked = results.budget().sanitySettings().contains(s);
            List<String> verdicts = new ArrayList<>();
            for (Method m : CHECKED) {
                SanityCell cell = results.cells().sanity(s.network(), s.dataset(), m);
                if (keys.contains(cell.model().key())) {
                    SanityCell.Verdicts v = results.sanity(cell);
                    verdicts.add(m.label() + " "
                            + (v == null ? "not run" : "[" + v.brief() + "](" + results.link(cell) + ")" + mark(v)));
                }
            }
            if (!verdicts.isEmpty()) {
                parts.add(s + ": " + (checked ? String.join(", ", verdicts) : "not checked by this budget"));
            }
        }
        return String.join("; ", parts);
    }
}
