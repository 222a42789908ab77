package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Table 3: ResNet-32 on MNIST and CIFAR-10 under SimBA-DCT (300 and 500 queries), judged at final
 * L2 bounds 0.5, 1 and 1.5. SimBA is black-box: there is no paper protocol to tell apart.
 */
record SimBaTable() implements Recipe {

    static final Architecture NETWORK = Paper.TABLE3_NETWORK;
    static final List<DatasetName> DATASETS = List.of(DatasetName.MNIST, DatasetName.CIFAR10);
    static final List<Method> METHODS =
            List.of(Method.SCE, Method.CENTER, Method.MMC, Method.ISCE, Method.ISCE_CODE, Method.RANDOM, Method.AT);

    @Override
    public String id() {
        return "table3";
    }

    @Override
    public String title() {
        return "Table 3: ResNet-32 under SimBA, MNIST and CIFAR-10";
    }

    /** One row of the table: a method's SimBA cell on one dataset. */
    private record Row(DatasetName dataset, Method method, AttackCell cell) {}

    /** @return per dataset, per method, its cell: what the table runs and shows */
    private static List<Row> grid(Cells cells) {
        List<Row> rows = new ArrayList<>();
        for (DatasetName dataset : DATASETS) {
            METHODS.forEach(
                    m -> rows.add(new Row(dataset, m, cells.attack(NETWORK, dataset, m, cells.simba(dataset)))));
        }
        return rows;
    }

    @Override
    public List<Cell> cells(Cells cells) {
        return grid(cells).stream().<Cell>map(Row::cell).toList();
    }

    @Override
    public String render(Results results) throws IOException {
        List<Row> grid = grid(results.cells());
        StringBuilder md =
                new StringBuilder("SimBA-DCT (step 0.2, per-image query budget with the first query counted), "
                        + "the oracle the deployed model's probability of the true class; an image is robust when SimBA fails "
                        + "within its queries or its final perturbation's L2 norm exceeds the bound. Accuracy % w.r.t. the true "
                        + "label; matched within 1 point (clean) or 5 (robust). " + Sections.BLACK_BOX_CAPTION
                        + ".\n\n");
        for (DatasetName dataset : DATASETS) {
            List<String> header = new ArrayList<>(List.of("method", "clean: paper", "ours", "verdict"));
            for (double b : Paper.SIMBA_BOUNDS) {
                header.addAll(List.of("L2 ≤ " + b + ": paper", "ours", "verdict"));
            }
            MarkdownTable table = new MarkdownTable(header);
            for (Row r : grid.stream().filter(r -> r.dataset() == dataset).toList()) {
                Method method = r.method();
                AttackCell cell = r.cell();
                List<Double> claimed = Paper.of(Paper.table3(dataset), method);
                List<String> row = new ArrayList<>(List.of(Sections.method(results, NETWORK, dataset, method)));
                double clean = results.clean(cell);
                row.addAll(cellsOf(results, cell, clean, claimed == null ? Double.NaN : claimed.get(0), true));
                for (int i = 0; i < Paper.SIMBA_BOUNDS.size(); i++) {
                    double ours = results.robust(cell, cell.plan().spec(), Paper.SIMBA_BOUNDS.get(i));
                    row.addAll(cellsOf(results, cell, ours, claimed == null ? Double.NaN : claimed.get(i + 1), false));
                }
                table.row(row);
            }
            md.append(String.format(
                            Locale.ROOT,
                            "**ResNet-32 on %s**, %d queries, the first %,d test images (random "
                                    + "resize + pad: %,d)%n%n",
                            Names.dataset(dataset),
                            results.budget().simbaQueries(dataset),
                            results.budget().scale(NETWORK, dataset).testImages(),
                            results.budget().randomDefenseImages(NETWORK, dataset)))
                    .append(table)
                    .append('\n');
        }
        return md.toString();
    }

    private static List<String> cellsOf(Results results, AttackCell cell, double ours, double paper, boolean clean) {
        return List.of(
                Results.format(paper),
                results.number(ours, cell),
                Double.isNaN(paper) ? "" : Verdict.ofNumber(ours, paper, clean).word());
    }
}
