package io.github.isce4j.reproduce;

import io.github.isce4j.eval.RobustnessPlot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figs. 8 and 12: every method under DeepFool, judged at L2 budgets (an image counts as robust
 * when DeepFool fails or needs more than the budget).
 *
 * @param id fig8 or fig12
 * @param settings the networks and datasets
 * @param paper what the paper's text says the figure shows
 */
record DeepFoolFigure(String id, List<Setting> settings, FigureComparison.PaperSays paper) implements Recipe {

    @Override
    public String title() {
        return "Fig. " + id.substring(3) + ": all methods under DeepFool, "
                + String.join(" and ", settings.stream().map(Setting::toString).toList());
    }

    /** One row: a method's DeepFool cell on one network and dataset. */
    private record Row(Setting setting, Method method, AttackCell cell) {}

    /** @return per network and dataset, per method, its cell: what the figure runs and shows */
    private List<Row> grid(Cells cells) {
        List<Row> rows = new ArrayList<>();
        for (Setting s : settings) {
            for (Method method : methods(cells.budget(), s)) {
                rows.add(new Row(
                        s, method, cells.attack(s.network(), s.dataset(), method, cells.deepFool(s.dataset()))));
            }
        }
        return rows;
    }

    @Override
    public List<Cell> cells(Cells cells) {
        return grid(cells).stream().<Cell>map(Row::cell).toList();
    }

    /** @return the methods attacked on this network: all, random resize + pad where the budget affords it */
    static List<Method> methods(Budget budget, Setting s) {
        return Method.ALL.stream()
                .filter(m -> m != Method.RANDOM || budget.whiteBoxOnRandom(s.network(), s.dataset()))
                .toList();
    }

    @Override
    public String render(Results results) throws IOException {
        StringBuilder md = new StringBuilder("The paper plots robust accuracy of every method under DeepFool (L2, "
                + "50 iterations, overshoot 0.02, top-10 candidates). Ours: robust accuracy (%) w.r.t. the true label; "
                + "an image counts as robust when DeepFool fails or its perturbation is larger than the L2 budget. "
                + Sections.WHITE_BOX_CAPTION + ".\n\n");
        List<Row> grid = grid(results.cells());
        for (Setting s : settings) {
            md.append("**")
                    .append(s)
                    .append(String.format(
                            Locale.ROOT,
                            "**, the first %,d test images (random resize + " + "pad: %,d)%n%n",
                            results.budget().scale(s.network(), s.dataset()).testImages(),
                            results.budget().randomDefenseImages(s.network(), s.dataset())));
            md.append(setting(
                    results, s, grid.stream().filter(r -> r.setting().equals(s)).toList()));
        }
        return md.toString();
    }

    /** @return one network's table, plot and how it compares with the paper */
    private String setting(Results results, Setting s, List<Row> rows) throws IOException {
        List<Double> budgets = results.cells().deepFool(s.dataset()).budgets();
        List<String> header = new ArrayList<>(List.of("method", "clean"));
        budgets.forEach(b -> header.add(Double.isFinite(b) ? "L2 ≤ " + b : "unbounded"));
        header.add("median L2 of successes");
        MarkdownTable table = new MarkdownTable(header);
        RobustnessPlot plot = new RobustnessPlot(s + ": DeepFool", "L2 budget ([0, 1] pixel units)");
        FigureComparison comparison = new FigureComparison("L2 budget");
        for (Row r : rows) {
            Method method = r.method();
            AttackCell cell = r.cell();
            List<String> row = new ArrayList<>(List.of(
                    Sections.method(results, s.network(), s.dataset(), method),
                    results.number(results.clean(cell), cell)));
            for (double b : budgets) {
                double value = results.robust(cell, cell.plan().spec(), b);
                row.add(results.number(value, cell));
                if (!Double.isNaN(value) && Double.isFinite(b)) {
                    plot.add(row.get(0), 0, results.clean(cell) / 100); // the label with its marks
                    plot.add(row.get(0), b, value / 100);
                    comparison.add(method, b, value, cell);
                }
            }
            var report = results.report(cell);
            row.add(results.number(
                    report == null
                            ? Double.NaN
                            : report.row(cell.plan().spec(), Double.POSITIVE_INFINITY)
                                    .medianL2(),
                    "%.3f",
                    cell));
            table.row(row);
        }
        String name = String.format(
                Locale.ROOT, "%s-%s-%s.png", id, s.network().id(), s.dataset().id());
        return table + "\n" + results.plot(plot, name, title() + ", " + s) + "\n\n"
                + comparison.sentence(results, paper) + "\n\n";
    }
}
