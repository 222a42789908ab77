package io.github.isce4j.reproduce;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.render.Heatmap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Fig. 4: ResNet-32 I-SCE over a grid of scales s and margins m on MNIST and CIFAR-10, robust
 * accuracy under DeepFool and under untargeted PGD-50 (paper protocol at the paper's first ε,
 * bounded at one L2 radius), as heatmaps.
 */
record MarginGridFigure() implements Recipe {

    static final Architecture NETWORK = Architecture.RESNET32;
    static final List<DatasetName> DATASETS = List.of(DatasetName.MNIST, DatasetName.CIFAR10);

    @Override
    public String id() {
        return "fig4";
    }

    @Override
    public String title() {
        return "Fig. 4: ResNet-32 I-SCE over scale s × margin m";
    }

    private static List<AttackPlan> plans(Budget budget, DatasetName dataset) {
        int steps = budget.tableSteps();
        AttackSpec paper = Cells.paperPgd(Paper.eps(dataset).get(0), steps, TargetChoice.NONE);
        return List.of(
                AttackPlan.judgedAt(
                        budget.deepFool(), List.of(Cells.boundedRadius(dataset)), io.github.isce4j.attack.Norm.L2),
                AttackPlan.of(paper),
                AttackPlan.of(Cells.pgd(Cells.boundedRadius(dataset), steps, TargetChoice.NONE)));
    }

    /**
     * One grid point on one dataset.
     *
     * @param dataset MNIST or CIFAR-10
     * @param s the scale
     * @param m the margin
     * @param cells one per heatmap, in {@link #plans} order
     */
    private record Point(DatasetName dataset, double s, double m, List<AttackCell> cells) {}

    /** @return per dataset, per scale and margin, its cells: what the figure runs and shows */
    private static List<Point> grid(Cells cells) {
        List<Point> points = new ArrayList<>();
        for (DatasetName dataset : DATASETS) {
            for (double s : cells.budget().isceScales()) {
                for (double m : cells.budget().isceMargins()) {
                    TrainingCell model = cells.isce(NETWORK, dataset, s, m);
                    points.add(new Point(
                            dataset,
                            s,
                            m,
                            plans(cells.budget(), dataset).stream()
                                    .map(p -> cells.attack(model, false, p))
                                    .toList()));
                }
            }
        }
        return points;
    }

    @Override
    public List<Cell> cells(Cells cells) {
        return grid(cells).stream()
                .flatMap(p -> p.cells().stream())
                .<Cell>map(c -> c)
                .toList();
    }

    @Override
    public String render(Results results) throws IOException {
        Budget budget = results.budget();
        StringBuilder md = new StringBuilder(String.format(
                Locale.ROOT,
                "The paper trains I-SCE over a dense grid of "
                        + "s ∈ [1, 2] and m ∈ (0, 0.1] and shows robust accuracy under DeepFool and PGD-un as heatmaps; it finds "
                        + "robustness depends strongly on s and m, the attack and the dataset (§4.1). Ours: the grid s ∈ %s × "
                        + "m ∈ %s (paper variant), robust accuracy %%. %s.%n%n",
                budget.isceScales(),
                budget.isceMargins(),
                Sections.WHITE_BOX_CAPTION));
        List<Operand[]> extremes = new ArrayList<>();
        List<Point> grid = grid(results.cells());
        for (DatasetName dataset : DATASETS) {
            List<Point> points =
                    grid.stream().filter(p -> p.dataset() == dataset).toList();
            String[] names = {
                String.format(Locale.ROOT, "DeepFool, L2 ≤ %s", Cells.boundedRadius(dataset)),
                String.format(
                        Locale.ROOT,
                        "PGD-%d-un, paper protocol ε = %s",
                        budget.tableSteps(),
                        Paper.eps(dataset).get(0)),
                String.format(
                        Locale.ROOT, "PGD-%d-un, bounded L2 ≤ %s", budget.tableSteps(), Cells.boundedRadius(dataset))
            };
            for (int p = 0; p < names.length; p++) {
                md.append(String.format(
                        Locale.ROOT,
                        "**%s, %s**, the first %,d test images%n%n",
                        Names.dataset(dataset),
                        names[p],
                        budget.scale(NETWORK, dataset).testImages()));
                md.append(heatmap(results, dataset, points, names[p], p, extremes));
            }
        }
        return md.append(agreement(extremes)).append("\n\n").toString();
    }

    /**
     * @param points the dataset's grid points
     * @param index which of their cells the heatmap shows
     * @param extremes gets the heatmap's {best, worst} grid point when every point is measured
     * @return the heatmap's table, figure and its best and worst point
     */
    private static String heatmap(
            Results results, DatasetName dataset, List<Point> points, String name, int index, List<Operand[]> extremes)
            throws IOException {
        Budget budget = results.budget();
        double[] xs =
                budget.isceScales().stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys =
                budget.isceMargins().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] values = new double[ys.length][xs.length];
        MarkdownTable table = new MarkdownTable(header(budget));
        List<Operand> measured = new ArrayList<>();
        for (int j = 0; j < ys.length; j++) {
            List<String> row = new ArrayList<>(List.of("m = " + ys[j]));
            for (int i = 0; i < xs.length; i++) {
                double s = xs[i];
                double m = ys[j];
                AttackCell cell = points.stream()
                        .filter(p -> p.s() == s && p.m() == m)
                        .findFirst()
                        .orElseThrow()
                        .cells()
                        .get(index);
                values[j][i] = results.robust(cell);
                row.add(results.number(values[j][i], cell));
                measured.add(new Operand("s = " + xs[i] + ", m = " + ys[j], values[j][i], cell));
            }
            table.row(row);
        }
        String file = String.format(Locale.ROOT, "fig4-%s-%d.png", dataset.id(), index);
        new Heatmap(
                        "ResNet-32 I-SCE on " + Names.dataset(dataset) + ": " + name,
                        "scale s",
                        "margin m",
                        xs,
                        ys,
                        values,
                        "robust accuracy (%)")
                .annotate(true)
                .write(results.figure(file));
        String md = table + "\n" + Results.image(file, "Fig. 4, " + name) + "\n\n";
        if (measured.stream().anyMatch(o -> Double.isNaN(o.value()))) {
            return md;
        }
        Comparator<Operand> byValue = Comparator.comparingDouble(Operand::value);
        Operand[] bestWorst = {
            measured.stream().max(byValue).orElseThrow(),
            measured.stream().min(byValue).orElseThrow()
        };
        extremes.add(bestWorst);
        return md
                + (bestWorst[0].value() == bestWorst[1].value()
                        ? "Every grid point is at " + results.number(bestWorst[0].value(), bestWorst[0].cell())
                        : "Best " + bestWorst[0].md(results) + "; worst " + bestWorst[1].md(results))
                + ".\n\n";
    }

    /** @return whether robustness depends on s and m: a spread of 5 points or more, a best point that differs */
    private static String agreement(List<Operand[]> extremes) {
        if (extremes.isEmpty()) {
            return "*Against the paper:* not measured in this run.";
        }
        double spread = extremes.stream()
                .mapToDouble(e -> e[0].value() - e[1].value())
                .max()
                .orElseThrow();
        long bests = extremes.stream().map(e -> e[0].name()).distinct().count();
        boolean varies = spread >= Verdict.ROBUST_TOLERANCE;
        return String.format(
                Locale.ROOT,
                "*Against the paper:* over the grid, robust accuracy spreads by up to %.1f "
                        + "points, and the best grid point %s over the %d heatmaps measured. The paper's Fig. 4 shows robustness "
                        + "depending strongly on s and m, the attack and the dataset: ours %s.",
                spread,
                bests == 1 ? "is the same" : "differs (" + bests + " points)",
                extremes.size(),
                varies && bests > 1 ? "agrees" : varies || bests > 1 ? "agrees in part" : "does not agree");
    }

    private static List<String> header(Budget budget) {
        List<String> header = new ArrayList<>(List.of(""));
        budget.isceScales().forEach(s -> header.add("s = " + s));
        return header;
    }
}
