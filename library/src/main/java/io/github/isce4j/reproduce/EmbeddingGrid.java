package io.github.isce4j.reproduce;

import io.github.isce4j.eval.EmbeddingPlot;
import io.github.isce4j.eval.Embeddings;
import io.github.isce4j.render.ClassScatter;
import io.github.isce4j.render.Png;
import io.github.isce4j.render.ScatterGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Several embeddings side by side, one scatter per panel coloured by true class, like the paper's
 * Fig. 9 (one panel per method and dataset), drawn by {@link ScatterGrid}. Points are placed as
 * {@link io.github.isce4j.eval.EmbeddingPlot} places them (h itself up to three dimensions, its first
 * three principal components beyond); a three-dimensional panel is the orthographic view along
 * (1, 1, 1), so all three coordinates show in one scatter. One legend of class colours is shared by
 * all panels.
 */
public final class EmbeddingGrid {

    private static final double SQRT2 = Math.sqrt(2);
    private static final double SQRT6 = Math.sqrt(6);

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
        BufferedImage image = render(panels, columns, numClasses, title);
        Png.write(png, image);
    }

    /** @return the image {@link #write} writes */
    static BufferedImage render(List<Panel> panels, int columns, int numClasses, String title) {
        ScatterGrid grid = new ScatterGrid(title, columns, numClasses);
        List<Panel> list = panels == null ? List.of() : panels;
        check(list, numClasses);
        System.setProperty("java.awt.headless", "true");
        return grid.render(list.stream().map(p -> scatter(p, numClasses)).toList());
    }

    /** Each panel's embeddings must be non-empty with labels in [0, numClasses); the grid checks the rest. */
    private static void check(List<Panel> panels, int numClasses) {
        for (Panel p : panels) {
            Embeddings e = p.embeddings();
            if (e.size() == 0) {
                throw new IllegalArgumentException("panel \"" + p.title() + "\" has no embeddings");
            }
            for (int label : e.labels()) {
                if (label < 0 || label >= numClasses) {
                    throw new IllegalArgumentException("panel \"" + p.title() + "\" has label " + label
                            + ", outside [0, numClasses = " + numClasses + ")");
                }
            }
        }
    }

    /** One panel: h0–h1 for 2-D features, h0 against the class for 1-D, the view along (1, 1, 1) for 3-D. */
    private static JFreeChart scatter(Panel panel, int numClasses) {
        Embeddings e = panel.embeddings();
        double[][] points = EmbeddingPlot.coordinates(e);
        int m = Math.min(e.dimension(), 3);
        ClassScatter scatter = new ClassScatter(numClasses);
        for (int i = 0; i < e.size(); i++) {
            double[] p = points[i];
            int label = e.labels()[i];
            if (m == 3) {
                // Orthonormal basis of the plane perpendicular to (1, 1, 1), with h2 pointing up.
                scatter.add(label, (p[0] - p[1]) / SQRT2, (2 * p[2] - p[0] - p[1]) / SQRT6);
            } else if (m == 2) {
                scatter.add(label, p[0], p[1]);
            } else {
                scatter.add(label, p[0], label);
            }
        }
        String a = shortName(e, 0);
        String xLabel = m == 3 ? "(" + a + " − " + shortName(e, 1) + ")/√2" : EmbeddingPlot.axisLabel(e, 0);
        String yLabel = m == 3
                ? "(2·" + shortName(e, 2) + " − " + a + " − " + shortName(e, 1) + ")/√6"
                : m == 2 ? EmbeddingPlot.axisLabel(e, 1) : "class";
        return scatter.chart(panel.title(), xLabel, yLabel);
    }

    /** "h0" stays; "principal component 1" becomes "PC1", so the view's formulas fit under a panel. */
    private static String shortName(Embeddings e, int index) {
        return EmbeddingPlot.axisLabel(e, index).replace("principal component ", "PC");
    }
}
