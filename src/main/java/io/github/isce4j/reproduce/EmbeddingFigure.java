package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.Embeddings;
import io.github.isce4j.model.Architecture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    @Override
    public List<Cell> cells(Cells cells) {
        List<Cell> list = new ArrayList<>();
        for (DatasetName dataset : DATASETS) {
            METHODS.forEach(m -> list.add(cell(cells, dataset, m)));
        }
        return list;
    }

    @Override
    public String render(Results results) throws IOException {
        List<EmbeddingGrid.Panel> panels = new ArrayList<>();
        MarkdownTable table = new MarkdownTable(List.of("dataset", "method", "embedding", "test images", "accuracy"), 3);
        for (DatasetName dataset : DATASETS) {
            for (Method method : METHODS) {
                EmbeddingCell cell = cell(results.cells(), dataset, method);
                if (!cell.done(results.out())) {
                    table.row(List.of(Names.dataset(dataset), method.label(), dim(method) + "-D", "—", "—"));
                    continue;
                }
                Embeddings e = cell.read(results.out());
                panels.add(new EmbeddingGrid.Panel(Names.dataset(dataset) + ", " + method.label()
                        + (dim(method) == 3 ? "" : " (10-D)"), e));
                table.row(List.of(Names.dataset(dataset), method.label(), dim(method) + "-D",
                        String.format(Locale.ROOT, "%,d", e.size()),
                        results.number(100 * e.accuracy(), cell)));
            }
        }
        StringBuilder md = new StringBuilder("The paper shows 5,000 test embeddings per method from a 3-D feature "
                + "layer: I-SCE's classes form compact, well separated clusters. Ours: one scatter per method and "
                + "dataset (3-D features drawn as the view along (1, 1, 1); MMC needs at least 10 dimensions for its "
                + "simplex of class centers, drawn with the same projection), colours are the true classes.\n\n");
        md.append(table).append('\n');
        if (!panels.isEmpty()) {
            EmbeddingGrid.write(panels, METHODS.size(), 10, "ResNet-32 test embeddings", results.figure("fig9.png"));
            md.append(Results.image("fig9.png", "Fig. 9, embeddings")).append("\n\n");
        }
        return md.toString();
    }
}
