package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table 3: ResNet-32 on MNIST and CIFAR-10 under SimBA-DCT (300 and 500 queries), judged at final
 * L2 bounds 0.5, 1 and 1.5. SimBA is black-box: there is no paper protocol to tell apart.
 */
record SimBaTable() implements Recipe {

    static final Architecture NETWORK = Architecture.RESNET32;
    static final List<Method> METHODS = List.of(Method.SCE, Method.CENTER, Method.MMC, Method.ISCE, Method.ISCE_CODE,
            Method.RANDOM, Method.AT);

    @Override
    public String id() {
        return "table3";
    }

    @Override
    public String title() {
        return "Table 3: ResNet-32 under SimBA, MNIST and CIFAR-10";
    }

    @Override
    public List<Cell> cells(Cells cells) {
        List<Cell> list = new ArrayList<>();
        for (DatasetName dataset : List.of(DatasetName.MNIST, DatasetName.CIFAR10)) {
            METHODS.forEach(m -> list.add(cells.attack(NETWORK, dataset, m, cells.simba(dataset))));
        }
        return list;
    }

    static Map<Method, List<Double>> paper(DatasetName dataset) {
        return dataset == DatasetName.MNIST ? Paper.TABLE3_MNIST : Paper.TABLE3_CIFAR;
    }

    @Override
    public String render(Results results) throws IOException {
        Cells cells = results.cells();
        StringBuilder md = new StringBuilder("SimBA-DCT (step 0.2, per-image query budget with the first query counted), "
                + "the oracle the deployed model's probability of the true class; an image is robust when SimBA fails "
                + "within its queries or its final perturbation's L2 norm exceeds the bound. Accuracy % w.r.t. the true "
                + "label; matched within 1 point (clean) or 5 (robust). The paper has no row for random resize + pad "
                + "and AT. " + Sections.BLACK_BOX_CAPTION + ".\n\n");
        for (DatasetName dataset : List.of(DatasetName.MNIST, DatasetName.CIFAR10)) {
            List<String> header = new ArrayList<>(List.of("method", "clean: paper", "ours", "verdict"));
            for (double b : Cells.SIMBA_BOUNDS) {
                header.addAll(List.of("L2 ≤ " + b + ": paper", "ours", "verdict"));
            }
            MarkdownTable table = new MarkdownTable(header);
            for (Method method : METHODS) {
                AttackCell cell = cells.attack(NETWORK, dataset, method, cells.simba(dataset));
                List<Double> claimed = Paper.of(paper(dataset), method);
                List<String> row = new ArrayList<>(List.of(Sections.method(results, NETWORK, dataset, method)));
                double clean = results.clean(cell);
                row.addAll(cellsOf(results, cell, clean, claimed == null ? Double.NaN : claimed.get(0), true));
                for (int i = 0; i < Cells.SIMBA_BOUNDS.size(); i++) {
                    double ours = results.robust(cell, cell.plan().spec(), Cells.SIMBA_BOUNDS.get(i));
                    row.addAll(cellsOf(results, cell, ours, claimed == null ? Double.NaN : claimed.get(i + 1), false));
                }
                table.row(row);
            }
            md.append(String.format(Locale.ROOT, "**ResNet-32 on %s**, %d queries, the first %,d test images (random "
                    + "resize + pad: %,d)%n%n", Names.dataset(dataset), results.budget().simbaQueries(dataset),
                    results.budget().scale(NETWORK, dataset).testImages(),
                    results.budget().randomDefenseImages(NETWORK, dataset))).append(table).append('\n');
        }
        return md.toString();
    }

    private static List<String> cellsOf(Results results, AttackCell cell, double ours, double paper, boolean clean) {
        return List.of(Results.format(paper), results.number(ours, cell),
                Double.isNaN(paper) ? "" : Verdict.ofNumber(ours, paper, clean).word());
    }
}
