package io.github.isce4j.render;

import io.github.isce4j.InvalidSetting;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Points coloured by their class, as a scatter chart with one legend entry "class c" per class.
 * Class c has the same colour in every chart ({@link #colour}), so plots of one data set can be
 * read side by side.
 */
public final class ClassScatter {

    /** Tableau's ten colours, so class c has the same colour in every plot. */
    private static final int[] PALETTE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf
    };

    private final List<XYSeries> series = new ArrayList<>();

    /**
     * @param numClasses K, the number of classes (and colours)
     * @throws InvalidSetting when numClasses is not positive
     */
    public ClassScatter(int numClasses) {
        InvalidSetting.require(numClasses >= 1, "numClasses", "must be >= 1, got " + numClasses);
        for (int c = 0; c < numClasses; c++) {
            series.add(new XYSeries("class " + c, false, true));
        }
    }

    /**
     * @param c the point's class, in [0, numClasses)
     * @param x its horizontal coordinate
     * @param y its vertical coordinate
     * @return this scatter
     */
    public ClassScatter add(int c, double x, double y) {
        series.get(c).add(x, y, false);
        return this;
    }

    /**
     * The chart on a white background with light grey grid lines, each point a dot of three pixels.
     *
     * @param title the chart title
     * @param xLabel the horizontal axis
     * @param yLabel the vertical axis
     * @return the chart, with its class legend below the plot
     */
    public JFreeChart chart(String title, String xLabel, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createScatterPlot(
                title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYItemRenderer r = plot.getRenderer();
        for (int c = 0; c < series.size(); c++) {
            r.setSeriesPaint(c, colour(c));
            r.setSeriesShape(c, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
        }
        return chart;
    }

    /**
     * @param c a class index
     * @return its colour, the same in every plot: Tableau's ten, then golden-ratio hues
     */
    public static Color colour(int c) {
        return c < PALETTE.length ? new Color(PALETTE[c]) : Color.getHSBColor((c * 0.618f) % 1f, 0.7f, 0.85f);
    }
}
