package io.github.isce4j.reproduce;

import io.github.isce4j.AtomicFile;
import io.github.isce4j.eval.EmbeddingPlot;
import io.github.isce4j.eval.Embeddings;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several embeddings side by side, one scatter per panel coloured by true class, like the paper's
 * Fig. 9 (one panel per method and dataset). Points are placed as {@link io.github.isce4j.eval.EmbeddingPlot}
 * places them (h itself up to three dimensions, its first three principal components beyond); a
 * three-dimensional panel is the orthographic view along (1, 1, 1), so all three coordinates show
 * in one scatter. One legend of class colours is shared by all panels.
 */
public final class EmbeddingGrid {

    /** Pixel size of one panel, and of the bands above (title) and below (legend) the panels. */
    static final int PANEL_WIDTH = 420;
    static final int PANEL_HEIGHT = 400;
    static final int TITLE_HEIGHT = 44;
    static final int LEGEND_HEIGHT = 36;
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
        AtomicFile.write(png, out -> ImageIO.write(image, "png", out));
    }

    /** @return the image {@link #write} writes */
    static BufferedImage render(List<Panel> panels, int columns, int numClasses, String title) {
        check(panels, columns, numClasses);
        System.setProperty("java.awt.headless", "true");
        int used = Math.min(columns, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        int width = used * PANEL_WIDTH;
        BufferedImage image = new BufferedImage(width, TITLE_HEIGHT + rows * PANEL_HEIGHT + LEGEND_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(JFreeChart.DEFAULT_TITLE_FONT);
            centred(g, title, width / 2, TITLE_HEIGHT / 2);
            for (int p = 0; p < panels.size(); p++) {
                int x = (p % columns) * PANEL_WIDTH;
                int y = TITLE_HEIGHT + (p / columns) * PANEL_HEIGHT;
                scatter(panels.get(p), numClasses).draw(g, new Rectangle2D.Double(x, y, PANEL_WIDTH, PANEL_HEIGHT));
            }
            legend(g, numClasses, width, TITLE_HEIGHT + rows * PANEL_HEIGHT);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void check(List<Panel> panels, int columns, int numClasses) {
        if (panels == null || panels.isEmpty()) {
            throw new IllegalArgumentException("panels must hold at least one panel");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
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
        List<XYSeries> series = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            series.add(new XYSeries("class " + c, false, true));
        }
        for (int i = 0; i < e.size(); i++) {
            double[] p = points[i];
            int label = e.labels()[i];
            if (m == 3) {
                // Orthonormal basis of the plane perpendicular to (1, 1, 1), with h2 pointing up.
                series.get(label).add((p[0] - p[1]) / SQRT2, (2 * p[2] - p[0] - p[1]) / SQRT6, false);
            } else if (m == 2) {
                series.get(label).add(p[0], p[1], false);
            } else {
                series.get(label).add(p[0], label, false);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        String a = shortName(e, 0);
        String xLabel = m == 3 ? "(" + a + " − " + shortName(e, 1) + ")/√2" : EmbeddingPlot.axisLabel(e, 0);
        String yLabel = m == 3 ? "(2·" + shortName(e, 2) + " − " + a + " − " + shortName(e, 1) + ")/√6"
                : m == 2 ? EmbeddingPlot.axisLabel(e, 1) : "class";
        JFreeChart chart = ChartFactory.createScatterPlot(panel.title(), xLabel, yLabel, data,
                PlotOrientation.VERTICAL, false, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYItemRenderer r = plot.getRenderer();
        for (int c = 0; c < numClasses; c++) {
            r.setSeriesPaint(c, EmbeddingPlot.classColour(c));
            r.setSeriesShape(c, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
        }
        return chart;
    }

    /** "h0" stays; "principal component 1" becomes "PC1", so the view's formulas fit under a panel. */
    private static String shortName(Embeddings e, int index) {
        return EmbeddingPlot.axisLabel(e, index).replace("principal component ", "PC");
    }

    private static void legend(Graphics2D g, int numClasses, int width, int top) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        int[] widths = new int[numClasses];
        int total = 0;
        for (int c = 0; c < numClasses; c++) {
            widths[c] = 14 + fm.stringWidth("class " + c) + 18;
            total += widths[c];
        }
        int x = Math.max(8, (width - total) / 2);
        int mid = top + LEGEND_HEIGHT / 2;
        for (int c = 0; c < numClasses; c++) {
            g.setColor(EmbeddingPlot.classColour(c));
            g.fillOval(x, mid - 5, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString("class " + c, x + 14, mid + fm.getAscent() / 2 - 1);
            x += widths[c];
        }
    }

    private static void centred(Graphics2D g, String text, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, x - fm.stringWidth(text) / 2, y + fm.getAscent() / 2 - 2);
    }
}
