package io.github.isce4j.reproduce;

import io.github.isce4j.eval.Embeddings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Several embeddings side by side, one scatter per panel coloured by true class, like the paper's
 * Fig. 9 (one panel per method and dataset). Points are placed as {@link io.github.isce4j.eval.EmbeddingPlot}
 * places them (h itself up to three dimensions, its first three principal components beyond); a
 * three-dimensional panel is the orthographic view along (1, 1, 1), so all three coordinates show
 * in one scatter. One legend of class colours is shared by all panels.
 */
public final class EmbeddingGrid {

    /**
     * One scatter of the grid.
     *
     * @param title the panel's title, e.g. "I-SCE, MNIST"
     * @param embeddings its points
     */
    public record Panel(String title, Embeddings embeddings) {}

    private EmbeddingGrid() {}

    /**
     * @param panels the scatters, laid out row by row
     * @param columns panels per row, at least 1
     * @param numClasses K, the number of class colours
     * @param title the title over the whole grid
     * @param png the PNG file, written atomically
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when there are no panels, columns is not positive, or a
     *     label is outside [0, numClasses)
     */
    public static void write(List<Panel> panels, int columns, int numClasses, String title, Path png)
            throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
