package io.github.isce4j.reproduce;

import java.io.IOException;
import java.util.List;

/**
 * One of the paper's tables or figures as a declarative list of cells, and how its section of the
 * report is drawn from their result files.
 */
interface Recipe {

    /** @return the id --only takes, e.g. table1 or fig5 */
    String id();

    /** @return e.g. "Table 1: MNIST, ResNet-32, I-SCE against adversarial training" */
    String title();

    /**
     * @param cells the budget's cell factory
     * @return every cell the section needs, trainings included
     */
    List<Cell> cells(Cells cells);

    /**
     * Writes the section's figures and returns its Markdown.
     *
     * @param results the finished cells' results
     * @return the section, without its heading
     * @throws IOException when a result cannot be read or a figure written
     */
    String render(Results results) throws IOException;
}
