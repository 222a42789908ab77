package io.github.isce4j.eval;

import io.github.isce4j.render.ClassScatter;
import io.github.isce4j.render.Png;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * A scatter plot of embeddings coloured by true class, like the paper's Fig. 9. A 2-D feature is
 * one panel; a 3-D feature is three panels (h0–h1, h0–h2, h1–h2), each a fixed-angle view along
 * one axis; a wider feature is drawn along its first three principal components, and the axis
 * labels say so. Each panel is a {@link ClassScatter}, so class c has the same colour as in every
 * other plot.
 */
public final class EmbeddingPlot {

    private static final int PANEL_WIDTH = 600;
    private static final int PANEL_HEIGHT = 560;

    private EmbeddingPlot() {}

    /**
     * @param embeddings the points
     * @param numClasses K, the number of colours
     * @param title the plot title
     * @param file the PNG file, written atomically
     * @throws IOException when writing fails
     */
    public static void writePng(Embeddings embeddings, int numClasses, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int d = embeddings.dimension();
        double[][] points = coordinates(embeddings);
        int m = Math.min(d, 3);
        List<int[]> panels = m == 3
                ? List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 2})
                : m == 2 ? List.of(new int[] {0, 1}) : List.of(new int[] {0, -1});
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int p = 0; p < panels.size(); p++) {
                int[] xy = panels.get(p);
                String panelTitle = p == 0 ? title : " ";
                JFreeChart chart = panel(embeddings, points, numClasses, xy, panelTitle);
                chart.draw(g, new Rectangle2D.Double(p * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT));
            }
        } finally {
            g.dispose();
        }
        Png.write(file, image);
    }

    private static JFreeChart panel(Embeddings e, double[][] points, int numClasses, int[] xy, String title) {
        ClassScatter scatter = new ClassScatter(numClasses);
        for (int i = 0; i < e.size(); i++) {
            double y = xy[1] < 0 ? e.labels()[i] : points[i][xy[1]];
            scatter.add(e.labels()[i], points[i][xy[0]], y);
        }
        String x = axisLabel(e, xy[0]);
        String y = xy[1] < 0 ? "class" : axisLabel(e, xy[1]);
        return scatter.chart(title, x, y);
    }

    /**
     * Where each point is drawn: h itself when it has at most three dimensions, otherwise its
     * coordinates along the first three principal components. Shared with other plots of
     * embeddings, so every figure places points the same way.
     *
     * @param embeddings the points, at least one when wider than three dimensions
     * @return [N][min(D, 3)] coordinates
     */
    public static double[][] coordinates(Embeddings embeddings) {
        return embeddings.dimension() > 3
                ? PrincipalComponents.project(embeddings.features(), 3)
                : widen(embeddings.features());
    }

    /**
     * @param embeddings the points
     * @param index a column of {@link #coordinates}
     * @return its axis name: "h0", "h1", ... or "principal component 1", ...
     */
    public static String axisLabel(Embeddings embeddings, int index) {
        return embeddings.dimension() > 3 ? "principal component " + (index + 1) : "h" + index;
    }

    private static double[][] widen(float[][] f) {
        double[][] out = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            out[i] = new double[f[i].length];
            for (int j = 0; j < f[i].length; j++) {
                out[i][j] = f[i][j];
            }
        }
        return out;
    }
}
