package io.github.isce4j.eval;

import io.github.isce4j.render.CurvePlot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Robust accuracy against the attack radius (or any other x, such as the adversarial-training ε of
 * the paper's Fig. 7), one line per model and attack, as a PNG: accuracies in percent on a 0–100
 * axis, drawn by {@link CurvePlot}.
 */
public final class RobustnessPlot {

    private final CurvePlot curves;

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
        this.curves = new CurvePlot(title, xLabel, yLabel).yRange(0, 100);
    }

    /**
     * @param line the legend entry, e.g. "I-SCE, PGD-L2 50 steps"
     * @param eps the radius
     * @param accuracy robust accuracy as a fraction
     * @return this plot
     */
    public RobustnessPlot add(String line, double eps, double accuracy) {
        curves.add(line, eps, 100 * accuracy);
        return this;
    }

    /** @return whether no point has been added (such a chart cannot be drawn) */
    public boolean isEmpty() {
        return curves.isEmpty();
    }

    /**
     * Writes the chart, 900×560 pixels, to a temporary file renamed into place.
     *
     * @param file the PNG to write
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        curves.write(file);
    }
}
