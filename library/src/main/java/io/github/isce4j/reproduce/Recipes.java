package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The paper's tables and figures, in the order the report shows them, and --only's ids. */
final class Recipes {

    private Recipes() {}

    /** What the paper's text says of its PGD figures, deep (Figs. 5, 6) and shallow networks (Figs. 10, 11). */
    private static final String DEEP_PGD = "§4.2: I-SCE performs better than the others in most cases";

    private static final String SHALLOW_PGD =
            "§4.3: I-SCE performs well in all cases of attack, often 50 points above " + "the others";

    static final List<Recipe> ALL = List.of(
            new PgdTable("table1", DatasetName.MNIST, Paper.TABLE1),
            new PgdTable("table2", DatasetName.CIFAR10, Paper.TABLE2),
            new SimBaTable(),
            new TheoryFigure(),
            new MarginGridFigure(),
            new CurvesFigure(
                    "fig5", Architecture.RESNET32, DatasetName.MNIST, says("Fig. 5", Method.ISCE, false, DEEP_PGD)),
            new CurvesFigure(
                    "fig6", Architecture.RESNET32, DatasetName.CIFAR10, says("Fig. 6", Method.ISCE, false, DEEP_PGD)),
            new AdversarialTrainingFigure(),
            new DeepFoolFigure(
                    "fig8",
                    List.of(Setting.RESNET_MNIST, Setting.RESNET_CIFAR),
                    says(
                            "Fig. 8",
                            Method.ISCE,
                            false,
                            "§4.2: I-SCE is much higher than all competitors, by more than 50 points in most cases")),
            new EmbeddingFigure(),
            new CurvesFigure(
                    "fig10", Architecture.LENET5, DatasetName.MNIST, says("Fig. 10", Method.ISCE, true, SHALLOW_PGD)),
            new CurvesFigure(
                    "fig11", Architecture.CNN8, DatasetName.CIFAR10, says("Fig. 11", Method.ISCE, true, SHALLOW_PGD)),
            new DeepFoolFigure(
                    "fig12",
                    List.of(Setting.LENET_MNIST, Setting.CNN_CIFAR),
                    says(
                            "Fig. 12",
                            Method.MMC,
                            false,
                            "§4.3: MMC produces the best accuracy under DeepFool, I-SCE is comparable")),
            new SanitySection(),
            new SeedSpread());

    private static FigureComparison.PaperSays says(String figure, Method best, boolean always, String where) {
        return new FigureComparison.PaperSays(figure, best, always, where);
    }

    /** @return every id --only accepts */
    static List<String> ids() {
        return ALL.stream().map(Recipe::id).toList();
    }

    /**
     * @param only ids to keep; empty for all
     * @return the recipes, in report order
     * @throws IllegalArgumentException for an unknown id
     */
    static List<Recipe> select(List<String> only) {
        if (only.isEmpty()) {
            return ALL;
        }
        for (String id : only) {
            if (!ids().contains(id)) {
                throw new IllegalArgumentException(
                        "unknown table or figure '" + id + "'; choose from " + String.join(", ", ids()));
            }
        }
        List<Recipe> selected = new ArrayList<>();
        ALL.stream().filter(r -> only.contains(r.id())).forEach(selected::add);
        return selected;
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * @return per recipe, in order, the distinct cells it is the first to need, each training
     *     before the cells that measure it (a cell shared by recipes counts in the first)
     */
    static Map<Recipe, List<Cell>> byFirstRecipe(List<Recipe> recipes, Cells cells) {
        Set<String> seen = new LinkedHashSet<>();
        Map<Recipe, List<Cell>> first = new LinkedHashMap<>();
        for (Recipe recipe : recipes) {
            List<Cell> own = new ArrayList<>();
            for (Cell cell : recipe.cells(cells)) {
                for (Cell c :
                        Stream.concat(cell.needs().stream(), Stream.of(cell)).toList()) {
                    if (seen.add(c.key())) {
                        own.add(c);
                    }
                }
            }
            first.put(recipe, own);
        }
        return first;
    }
}
