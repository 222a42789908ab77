package io.github.isce4j.reproduce;

import io.github.isce4j.stats.Accuracy;

/**
 * One measured accuracy that a claim or a figure's comparison reads, with the result file it came
 * from.
 *
 * @param name the method or model it belongs to
 * @param value percent; NaN when not measured
 * @param cell the cell whose result file holds it
 * @param outcomes its per-image outcomes, for intervals of differences; null when not recorded
 */
record Operand(String name, double value, Cell cell, Accuracy outcomes) {

    /** An operand whose per-image outcomes are not needed. */
    Operand(String name, double value, Cell cell) {
        this(name, value, cell, null);
    }

    /** @return e.g. "SCE [40.0](cells/…/results.md)" */
    String md(Results r) {
        return name + " " + r.number(value, cell);
    }
}
