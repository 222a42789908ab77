package io.github.isce4j.eval;

import io.github.isce4j.AtomicFile;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Robust accuracy against the attack radius (or any other x, such as the adversarial-training ε of
 * the paper's Fig. 7), one line per model and attack, as a PNG. Lines come
 * in pairs: even ones solid, odd ones dashed in a darker shade of the same colour.
 */
public final class RobustnessPlot {

    /** Pairs of a strong and a darker shade, so two lines of one model read as a family. */
    private static final Color[] PALETTE = {
        new Color(0xD62728), new Color(0x8C1A1B), new Color(0x1F77B4), new Color(0x0B3C66),
        new Color(0x2CA02C), new Color(0x176117), new Color(0x9467BD), new Color(0x4B2C6B),
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, XYSeries> series = new LinkedHashMap<>();

    /**
     * @param title the chart title
     * @param xLabel the radius axis, e.g. "L2 radius eps ([0, 1] pixel units)"
     */
    public RobustnessPlot(String title, String xLabel) {
        this(title, xLabel, "robust accuracy (%)");
    }

    /**
     * For plots whose lines are not all robust accuracies, e.g. the paper's Fig. 7 (clean and
     * robust accuracy against the adversarial-training ε).
     *
     * @param title the chart title
     * @param xLabel the horizontal axis, e.g. "AT training eps (PGD step size)"
     * @param yLabel the vertical axis, in percent, e.g. "accuracy (%)"
     */
    public RobustnessPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * @param line the legend entry, e.g. "I-SCE, PGD-L2 50 steps"
     * @param eps the radius
     * @param accuracy robust accuracy as a fraction
     * @return this plot
     */
    public RobustnessPlot add(String line, double eps, double accuracy) {
        series.computeIfAbsent(line, XYSeries::new).add(eps, 100 * accuracy);
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
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setRange(0, 100);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, i % 2 == 0 ? new BasicStroke(2.5f)
                    : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f));
        }
        plot.setRenderer(renderer);
        AtomicFile.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 900, 560));
    }
}
