package io.github.isce4j.reproduce;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.model.Architecture;

import java.io.IOException;
import java.util.ArrayList;
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
        AttackSpec paper = Cells.paperPgd(budget.paperEps(dataset).get(0), steps, TargetChoice.NONE);
        return List.of(AttackPlan.judgedAt(new io.github.isce4j.attack.DeepFoolSpec(), List.of(Claims.radius(dataset)),
                io.github.isce4j.attack.Norm.L2), AttackPlan.of(paper),
                AttackPlan.of(Cells.pgd(Claims.radius(dataset), steps, TargetChoice.NONE)));
    }

    @Override
    public List<Cell> cells(Cells cells) {
        List<Cell> list = new ArrayList<>();
        for (DatasetName dataset : DATASETS) {
            for (double s : cells.budget().isceScales()) {
                for (double m : cells.budget().isceMargins()) {
                    TrainingCell model = cells.isce(NETWORK, dataset, s, m);
                    plans(cells.budget(), dataset).forEach(p -> list.add(cells.attack(model, false, p)));
                }
            }
        }
        return list;
    }

    @Override
    public String render(Results results) throws IOException {
        Cells cells = results.cells();
        Budget budget = results.budget();
        double[] xs = budget.isceScales().stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys = budget.isceMargins().stream().mapToDouble(Double::doubleValue).toArray();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "The paper trains I-SCE over a dense grid of "
                + "s ∈ [1, 2] and m ∈ (0, 0.1] and shows robust accuracy under DeepFool and PGD-un as heatmaps. Ours: "
                + "the grid s ∈ %s × m ∈ %s (paper variant), robust accuracy %% on the first %,d test images.%n%n",
                budget.isceScales(), budget.isceMargins(), budget.scale(NETWORK, DatasetName.MNIST).testImages()));
        for (DatasetName dataset : DATASETS) {
            List<AttackPlan> plans = plans(budget, dataset);
            String[] names = {String.format(Locale.ROOT, "DeepFool, L2 ≤ %s", Claims.radius(dataset)),
                String.format(Locale.ROOT, "PGD-%d-un, paper protocol ε = %s", budget.tableSteps(), budget.paperEps(dataset).get(0)),
                String.format(Locale.ROOT, "PGD-%d-un, bounded L2 ≤ %s", budget.tableSteps(), Claims.radius(dataset))};
            for (int p = 0; p < plans.size(); p++) {
                double[][] values = new double[ys.length][xs.length];
                MarkdownTable table = new MarkdownTable(header(budget));
                for (int j = 0; j < ys.length; j++) {
                    List<String> row = new ArrayList<>(List.of("m = " + ys[j]));
                    for (int i = 0; i < xs.length; i++) {
                        AttackCell cell = cells.attack(cells.isce(NETWORK, dataset, xs[i], ys[j]), false, plans.get(p));
                        values[j][i] = results.robust(cell);
                        row.add(results.number(values[j][i], cell));
                    }
                    table.row(row);
                }
                String name = String.format(Locale.ROOT, "fig4-%s-%d.png", dataset.id(), p);
                new HeatmapPlot("ResNet-32 I-SCE on " + Names.dataset(dataset) + ": " + names[p], "scale s", "margin m",
                        xs, ys, values, "robust accuracy (%)").annotate(true).write(results.figure(name));
                md.append("**").append(Names.dataset(dataset)).append(", ").append(names[p]).append("**\n\n")
                        .append(table).append('\n').append(Results.image(name, "Fig. 4, " + names[p])).append("\n\n");
            }
        }
        return md.toString();
    }

    private static List<String> header(Budget budget) {
        List<String> header = new ArrayList<>(List.of(""));
        budget.isceScales().forEach(s -> header.add("s = " + s));
        return header;
    }
}
