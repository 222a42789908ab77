package io.github.isce4j.reproduce;

/**
 * One measured accuracy that a claim or a figure's comparison reads, with the result file it came
 * from.
 *
 * @param name the method or model it belongs to
 * @param value percent; NaN when not measured
 * @param cell the cell whose result file holds it
 */
record Operand(String name, double value, Cell cell) {

    /** @return e.g. "SCE [40.0](cells/…/results.md)" */
    String md(Results r) {
        return name + " " + r.number(value, cell);
    }
}
