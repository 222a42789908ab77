package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The paper's tables and figures, in the order the report shows them, and --only's ids. */
final class Recipes {

    private Recipes() {}

    static final List<Recipe> ALL = List.of(
            new PgdTable("table1", DatasetName.MNIST, Paper.TABLE1),
            new PgdTable("table2", DatasetName.CIFAR10, Paper.TABLE2),
            new SimBaTable(),
            new TheoryFigure(),
            new MarginGridFigure(),
            new CurvesFigure("fig5", Architecture.RESNET32, DatasetName.MNIST),
            new CurvesFigure("fig6", Architecture.RESNET32, DatasetName.CIFAR10),
            new AdversarialTrainingFigure(),
            new DeepFoolFigure("fig8", List.of(Sections.SETTINGS.get(0), Sections.SETTINGS.get(1))),
            new EmbeddingFigure(),
            new CurvesFigure("fig10", Architecture.LENET5, DatasetName.MNIST),
            new CurvesFigure("fig11", Architecture.CNN8, DatasetName.CIFAR10),
            new DeepFoolFigure("fig12", List.of(Sections.SETTINGS.get(2), Sections.SETTINGS.get(3))),
            new SanitySection());

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
                throw new IllegalArgumentException("unknown table or figure '" + id + "'; choose from "
                        + String.join(", ", ids()));
            }
        }
        List<Recipe> selected = new ArrayList<>();
        ALL.stream().filter(r -> only.contains(r.id())).forEach(selected::add);
        return selected;
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
