package io.github.isce4j.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measured curves of one robustness figure (robust accuracy of every method over L2 radii) and
 * the sentence that compares them with what the paper's figure shows: which method is highest at
 * the largest radius, whether I-SCE is above SCE at each radius, and how often the method the paper
 * finds best is the highest curve.
 */
final class FigureComparison {

    /**
     * What the paper's text says its figure shows.
     *
     * @param figure e.g. "Fig. 10"
     * @param best the method it finds highest (I-SCE: either variant)
     * @param always whether in all cases (else in most)
     * @param where the paper's section that says so
     */
    record PaperSays(String figure, Method best, boolean always, String where) {
        private String bestName() {
            return best.isce() ? "I-SCE" : best.label();
        }
    }

    private final String axis;
    private final TreeMap<Double, Map<Method, Operand>> points = new TreeMap<>();

    /** @param axis what the radii are called, e.g. "L2 ≤" */
    FigureComparison(String axis) {
        this.axis = axis;
    }

    /** Adds one measured point; a point not measured (NaN) is left out. */
    void add(Method method, double radius, double value, Cell cell) {
        if (!Double.isNaN(value)) {
            points.computeIfAbsent(radius, r -> new LinkedHashMap<>())
                    .put(method, new Operand(method.label(), value, cell));
        }
    }

    /** @return one sentence, its numbers linked to their result files */
    String sentence(Results r, PaperSays paper) {
        if (points.isEmpty()) {
            return "*Against the paper:* not measured in this run.";
        }
        List<Method> judged = paper.best().isce() ? List.of(Method.ISCE, Method.ISCE_CODE) : List.of(paper.best());
        List<String> counts = judged.stream()
                .map(m -> String.format(Locale.ROOT, "%s %d of %d", m.label(), highestAt(m), points.size()))
                .toList();
        List<String> agree = judged.stream()
                .filter(m -> paper.always() ? highestAt(m) == points.size() : 2 * highestAt(m) > points.size())
                .map(Method::label)
                .toList();
        String radii =
                String.join(", ", points.keySet().stream().map(String::valueOf).toList());
        return String.format(
                Locale.ROOT,
                "*Against the paper:* at the largest %s %s %s; I-SCE above SCE "
                        + "at %s %s: %s; highest curve at: %s. The paper's %s shows %s highest in %s cases (%s): ours %s.",
                axis,
                points.lastKey(),
                highestAtLargest(r),
                axis,
                radii,
                aboveSce(),
                String.join(", ", counts),
                paper.figure(),
                paper.bestName(),
                paper.always() ? "all" : "most",
                paper.where(),
                agree.isEmpty() ? "does not agree" : "agrees for " + String.join(" and ", agree));
    }

    /** @return at how many radii the method is the highest curve (ties count) */
    private long highestAt(Method method) {
        return points.values().stream()
                .filter(at -> highest(at).contains(method))
                .count();
    }

    /** @return "the highest curve is MMC [40.0](…)", with ties "the highest curves, tied at [25.0](…), are …" */
    private String highestAtLargest(Results r) {
        Map<Method, Operand> at = points.lastEntry().getValue();
        List<Method> top = highest(at);
        if (top.isEmpty()) {
            Operand any = at.values().iterator().next();
            return "all curves tie at " + r.number(any.value(), any.cell());
        }
        Operand first = at.get(top.get(0));
        return top.size() == 1
                ? "the highest curve is " + first.md(r)
                : "the highest curves, tied at "
                        + r.number(first.value(), first.cell())
                        + ", are "
                        + String.join(", ", top.stream().map(Method::label).toList());
    }

    /** @return the methods tied for the highest accuracy; none when all tie (then no curve is above another) */
    private static List<Method> highest(Map<Method, Operand> at) {
        double max = at.values().stream().mapToDouble(Operand::value).max().orElse(Double.NaN);
        List<Method> top =
                at.keySet().stream().filter(m -> at.get(m).value() == max).toList();
        return top.size() == at.size() ? List.of() : top;
    }

    /** @return per I-SCE variant, yes or no at each radius ("—" where either is not measured) */
    private String aboveSce() {
        List<String> parts = new ArrayList<>();
        for (Method isce : List.of(Method.ISCE, Method.ISCE_CODE)) {
            List<String> answers = points.values().stream()
                    .map(at -> !at.containsKey(isce) || !at.containsKey(Method.SCE)
                            ? "—"
                            : at.get(isce).value() > at.get(Method.SCE).value() ? "yes" : "no")
                    .toList();
            parts.add(isce.label() + " " + String.join(", ", answers));
        }
        return String.join("; ", parts);
    }
}
