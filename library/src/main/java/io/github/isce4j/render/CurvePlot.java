package io.github.isce4j.render;

import io.github.isce4j.InvalidSetting;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Named lines of (x, y) points as a PNG line chart with a legend, in the order the lines were first
 * added. Lines come in pairs: even ones solid, odd ones dashed in a darker shade of the same colour.
 */
public final class CurvePlot {

    /** Pixel size of the written PNG. */
    static final int WIDTH = 900;

    static final int HEIGHT = 560;
    /**
     * Pairs of a strong and a darker shade, so two lines of one subject read as a family; six families,
     * so the ten methods of a reproduction figure (the two I-SCE variants last) never share a colour.
     */
    static final Color[] PALETTE = {
        new Color(0xD62728), new Color(0x8C1A1B), new Color(0x1F77B4), new Color(0x0B3C66),
        new Color(0x2CA02C), new Color(0x176117), new Color(0x9467BD), new Color(0x4B2C6B),
        new Color(0xFF7F0E), new Color(0xA34F00), new Color(0x17BECF), new Color(0x0D6F79),
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, XYSeries> series = new LinkedHashMap<>();
    private double yLower = Double.NaN;
    private double yUpper = Double.NaN;

    /**
     * @param title the chart title
     * @param xLabel the horizontal axis
     * @param yLabel the vertical axis
     */
    public CurvePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * Fixes the vertical axis, e.g. to [0, 100] for percentages; without it the axis fits the points.
     *
     * @param lower the bottom of the axis
     * @param upper the top of the axis
     * @return this plot
     * @throws InvalidSetting when the bounds are not finite or lower >= upper
     */
    public CurvePlot yRange(double lower, double upper) {
        InvalidSetting.require(
                Double.isFinite(lower) && Double.isFinite(upper) && lower < upper,
                "y range",
                "must be finite with lower < upper, got [" + lower + ", " + upper + "]");
        this.yLower = lower;
        this.yUpper = upper;
        return this;
    }

    /**
     * @param line the legend entry; points of one line are joined in increasing x
     * @param x the horizontal coordinate
     * @param y the vertical coordinate
     * @return this plot
     */
    public CurvePlot add(String line, double x, double y) {
        series.computeIfAbsent(line, XYSeries::new).add(x, y);
        return this;
    }

    /** @return whether no point has been added (such a chart cannot be drawn) */
    public boolean isEmpty() {
        return series.isEmpty();
    }

    /**
     * Writes the chart, 900×560 pixels, to a temporary file renamed into place.
     *
     * @param file the PNG to write
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        Png.write(file, chart(), WIDTH, HEIGHT);
    }

    /** @return the chart {@link #write} draws */
    JFreeChart chart() {
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (!Double.isNaN(yLower)) {
            plot.getRangeAxis().setRange(yLower, yUpper);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(
                    i,
                    i % 2 == 0
                            ? new BasicStroke(2.5f)
                            : new BasicStroke(
                                    2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f));
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
