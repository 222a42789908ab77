package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.Embeddings;
import io.github.isce4j.model.Architecture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fig. 9: test embeddings of ResNet-32 with a 3-D feature layer for SCE, center loss, L-GM, MMC and
 * I-SCE on MNIST and CIFAR-10, one scatter each. MMC's fixed simplex of K centers needs a feature of
 * at least K = 10 dimensions, so its panel shows a 10-D embedding projected like the others.
 */
record EmbeddingFigure() implements Recipe {

    static final Architecture NETWORK = Architecture.RESNET32;
    static final List<Method> METHODS = List.of(Method.SCE, Method.CENTER, Method.LGM, Method.MMC, Method.ISCE);
    static final List<DatasetName> DATASETS = List.of(DatasetName.MNIST, DatasetName.CIFAR10);

    @Override
    public String id() {
        return "fig9";
    }

    @Override
    public String title() {
        return "Fig. 9: ResNet-32 test embeddings with a 3-D feature layer";
    }

    static int dim(Method method) {
        return method == Method.MMC ? 10 : 3;
    }

    private static EmbeddingCell cell(Cells cells, DatasetName dataset, Method method) {
        int images = Math.min(cells.budget().embeddings(), dataset == DatasetName.CIFAR10 ? 1_000 : 10_000);
        return new EmbeddingCell(cells.embedded(NETWORK, dataset, method, dim(method)), images);
    }

    /** One panel: a method's embedding cell on one dataset. */
    private record Row(DatasetName dataset, Method method, EmbeddingCell cell) {}

    /** @return per dataset, per method, its cell: what the figure runs and shows */
    private static List<Row> grid(Cells cells) {
        List<Row> rows = new ArrayList<>();
        for (DatasetName dataset : DATASETS) {
            METHODS.forEach(m -> rows.add(new Row(dataset, m, cell(cells, dataset, m))));
        }
        return rows;
    }

    @Override
    public List<Cell> cells(Cells cells) {
        return grid(cells).stream().<Cell>map(Row::cell).toList();
    }

    @Override
    public String render(Results results) throws IOException {
        List<EmbeddingGrid.Panel> panels = new ArrayList<>();
        MarkdownTable table = new MarkdownTable(
                List.of("dataset", "method", "embedding", "test images", "accuracy", "separation"), 3);
        List<String> agreement = new ArrayList<>();
        List<Row> grid = grid(results.cells());
        for (DatasetName dataset : DATASETS) {
            List<Operand> separations = new ArrayList<>();
            for (Row r : grid.stream().filter(r -> r.dataset() == dataset).toList()) {
                Method method = r.method();
                EmbeddingCell cell = r.cell();
                if (!cell.done(results.out())) {
                    table.row(List.of(Names.dataset(dataset), method.label(), dim(method) + "-D", "—", "—", "—"));
                    continue;
                }
                Embeddings e = cell.read(results.out());
                panels.add(new EmbeddingGrid.Panel(
                        Names.dataset(dataset) + ", " + method.label() + (dim(method) == 3 ? "" : " (10-D)"), e));
                Operand separation = new Operand(method.label(), separation(e), cell);
                separations.add(separation);
                table.row(List.of(
                        Names.dataset(dataset),
                        method.label(),
                        dim(method) + "-D",
                        String.format(Locale.ROOT, "%,d", e.size()),
                        results.number(100 * e.accuracy(), cell),
                        results.number(separation.value(), "%.2f", cell)));
            }
            agreement.add(mostSeparated(results, dataset, separations));
        }
        StringBuilder md = new StringBuilder("The paper shows 5,000 test embeddings per method from a 3-D feature "
                + "layer: I-SCE's classes form compact, well separated clusters (§4.2). Ours: one scatter per method and "
                + "dataset (3-D features drawn as the view along (1, 1, 1); MMC needs at least 10 dimensions for its "
                + "simplex of class centers, drawn with the same projection), colours are the true classes. Separation: "
                + "the mean distance between class centres over the mean distance of an embedding to its class centre, "
                + "in the full feature space (larger: more compact, better separated clusters).\n\n");
        md.append(table).append('\n');
        if (!panels.isEmpty()) {
            EmbeddingGrid.write(panels, METHODS.size(), 10, "ResNet-32 test embeddings", results.figure("fig9.png"));
            md.append(Results.image("fig9.png", "Fig. 9, embeddings")).append("\n\n");
        }
        return md.append("*Against the paper:* ")
                .append(String.join("; ", agreement))
                .append(".\n\n")
                .toString();
    }

    /** @return which method's clusters are the most separated on a dataset, and whether it is I-SCE as the paper's */
    private static String mostSeparated(Results results, DatasetName dataset, List<Operand> separations) {
        if (separations.size() < METHODS.size()) {
            return Names.dataset(dataset) + " not measured in this run";
        }
        Operand best = separations.stream()
                .max(java.util.Comparator.comparingDouble(Operand::value))
                .orElseThrow();
        return String.format(
                Locale.ROOT,
                "on %s the most separated clusters are %s's (%s), %s",
                Names.dataset(dataset),
                best.name(),
                results.number(best.value(), "%.2f", best.cell()),
                best.name().equals(Method.ISCE.label())
                        ? "I-SCE's as in the paper's Fig. 9"
                        : "not I-SCE's as in the paper's Fig. 9");
    }

    /**
     * @return the mean distance between the centres of the classes present over the mean distance of
     *     an embedding to its class's centre (NaN with fewer than two classes)
     */
    static double separation(Embeddings e) {
        Map<Integer, double[]> centres = new TreeMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < e.size(); i++) {
            double[] c = centres.computeIfAbsent(e.labels()[i], k -> new double[e.dimension()]);
            counts.merge(e.labels()[i], 1, Integer::sum);
            for (int d = 0; d < c.length; d++) {
                c[d] += e.features()[i][d];
            }
        }
        centres.forEach((k, c) -> Arrays.setAll(c, d -> c[d] / counts.get(k)));
        double within = 0;
        for (int i = 0; i < e.size(); i++) {
            within += distance(e.features()[i], centres.get(e.labels()[i]));
        }
        List<double[]> list = List.copyOf(centres.values());
        double between = 0;
        int pairs = 0;
        for (int a = 0; a < list.size(); a++) {
            for (int b = a + 1; b < list.size(); b++) {
                between += distance(list.get(a), list.get(b));
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : (between / pairs) / (within / e.size());
    }

    private static double distance(float[] x, double[] c) {
        double[] d = new double[c.length];
        Arrays.setAll(d, i -> x[i]);
        return distance(d, c);
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
