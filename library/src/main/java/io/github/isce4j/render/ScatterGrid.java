package io.github.isce4j.render;

import io.github.isce4j.InvalidSetting;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Several class scatters ({@link ClassScatter}) side by side in one image, row by row, under one
 * title and over one legend of class colours shared by all panels.
 */
public final class ScatterGrid {

    /** Pixel width of one panel. */
    public static final int PANEL_WIDTH = 420;
    /** Pixel height of one panel. */
    public static final int PANEL_HEIGHT = 400;
    /** Pixel height of the band above the panels that holds the title. */
    public static final int TITLE_HEIGHT = 44;
    /** Pixel height of the band below the panels that holds the legend. */
    public static final int LEGEND_HEIGHT = 36;

    private final String title;
    private final int columns;
    private final int numClasses;

    /**
     * @param title the title over the whole grid
     * @param columns panels per row, at least 1
     * @param numClasses K, the number of class colours in the legend, at least 1
     * @throws InvalidSetting when columns or numClasses is not positive
     */
    public ScatterGrid(String title, int columns, int numClasses) {
        InvalidSetting.require(columns >= 1, "columns", "must be >= 1, got " + columns);
        InvalidSetting.require(numClasses >= 1, "numClasses", "must be >= 1, got " + numClasses);
        this.title = title;
        this.columns = columns;
        this.numClasses = numClasses;
    }

    /**
     * Draws the grid. Each panel's title is set smaller (14-point bold) and its own legend dropped,
     * since the grid's legend serves all panels.
     *
     * @param panels the charts, e.g. from {@link ClassScatter#chart}, laid out row by row
     * @return the image
     * @throws InvalidSetting when there are no panels
     */
    public BufferedImage render(List<JFreeChart> panels) {
        InvalidSetting.require(panels != null && !panels.isEmpty(), "panels", "must hold at least one panel");
        System.setProperty("java.awt.headless", "true");
        int used = Math.min(columns, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        int width = used * PANEL_WIDTH;
        BufferedImage image = new BufferedImage(
                width, TITLE_HEIGHT + rows * PANEL_HEIGHT + LEGEND_HEIGHT, BufferedImage.TYPE_INT_RGB);
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
                JFreeChart panel = panels.get(p);
                panel.removeLegend();
                panel.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                panel.draw(g, new Rectangle2D.Double(x, y, PANEL_WIDTH, PANEL_HEIGHT));
            }
            legend(g, width, TITLE_HEIGHT + rows * PANEL_HEIGHT);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void legend(Graphics2D g, int width, int top) {
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
            g.setColor(ClassScatter.colour(c));
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
