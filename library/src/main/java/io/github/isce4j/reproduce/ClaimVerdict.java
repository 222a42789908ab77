package io.github.isce4j.reproduce;

import io.github.isce4j.stats.Interval;
import java.util.List;

/**
 * One claim of the paper's text, judged: what the paper says, and per I-SCE variant and protocol
 * the difference we measured, the numbers it rests on and its verdict. The report's claims table
 * and headline are drawn from these values, and verdicts.json holds them beside report.md.
 *
 * @param id the claim's row in the report, C1, C2, …
 * @param claim what the paper says and where we measure it
 * @param judgements one per {@link Column}, in its order
 */
record ClaimVerdict(String id, Claim claim, List<Judgement> judgements) {

    /**
     * What the paper says.
     *
     * @param number the claim's number in docs/reproduce.md
     * @param text what the paper says
     * @param where network, data, test subset, attack, threat model and protocol it is measured on
     * @param claimed the paper's difference D, points (0: "is the best")
     */
    record Claim(String number, String text, String where, double claimed) {}

    /**
     * The ways a claim is measured: I-SCE's paper and code variants, each in both protocols, then
     * each under AutoAttack (standard, at the bounded protocol's radius; PGD claims only).
     */
    enum Column {
        PAPER_VARIANT_PAPER_PROTOCOL("paper protocol, I-SCE paper variant"),
        PAPER_VARIANT_BOUNDED("bounded protocol, I-SCE paper variant"),
        CODE_VARIANT_PAPER_PROTOCOL("paper protocol, I-SCE code variant"),
        CODE_VARIANT_BOUNDED("bounded protocol, I-SCE code variant"),
        PAPER_VARIANT_AUTOATTACK("AutoAttack, I-SCE paper variant"),
        CODE_VARIANT_AUTOATTACK("AutoAttack, I-SCE code variant");

        private final String label;

        Column(String label) {
            this.label = label;
        }

        /** @return how the headline names it */
        String label() {
            return label;
        }
    }

    /**
     * One number a measured difference rests on.
     *
     * @param name the method or model it belongs to
     * @param value percent
     * @param file its result file, relative to the report
     */
    record Source(String name, double value, String file) {}

    /**
     * A claim measured one way.
     *
     * @param column which I-SCE variant and protocol
     * @param measured our difference, points; NaN when not measured
     * @param interval its 95 % paired bootstrap interval over the test images, points; null when not
     *     measured or when a result file it rests on has no per-image outcomes (the verdict is then the
     *     point estimate's)
     * @param from the numbers it is computed from as the report prints them, each linked; "" when not measured
     * @param sources those numbers (for a median or a smallest: those of the difference it is read from)
     * @param verdict the verdict rule applied to the interval (or to the point estimate where there is none);
     *     not tested at this budget when a model it rests on is below its convergence bar
     * @param belowBar those models, each with its clean accuracy and bar (the reason it is not tested);
     *     empty when it is tested
     */
    record Judgement(
            Column column,
            double measured,
            Interval interval,
            String from,
            List<Source> sources,
            Verdict verdict,
            List<Convergence.Shortfall> belowBar) {}

    /** @return the judgement in one column */
    Judgement in(Column column) {
        return judgements.get(column.ordinal());
    }
}
