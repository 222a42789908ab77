package io.github.isce4j.reproduce;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A value over a rectangular grid as a heatmap PNG with a colour bar, like the paper's Fig. 3
 * (the sign of z(s, m), with its z = 0 line) and Fig. 4 (robust accuracy over an I-SCE s × m grid).
 * Each grid point is drawn as a cell reaching halfway to its neighbours; missing values (NaN) are
 * grey. Optional level lines (marching squares over the grid points, interpolated linearly) and
 * per-cell value labels are drawn on top.
 */
public final class HeatmapPlot {

    /**
     * @param title the chart title
     * @param xLabel the horizontal axis, e.g. "scale s"
     * @param yLabel the vertical axis, e.g. "margin m"
     * @param xs the grid's x coordinates, strictly increasing, at least one
     * @param ys the grid's y coordinates, strictly increasing, at least one
     * @param values {@code values[j][i]} is the value at {@code (xs[i], ys[j])}; NaN marks a missing cell
     * @param valueLabel the colour bar's label, e.g. "z(s, m)" or "robust accuracy (%)"
     * @throws IllegalArgumentException when the coordinates are not strictly increasing and finite or
     *     the values' shape is not ys.length × xs.length
     */
    public HeatmapPlot(String title, String xLabel, String yLabel, double[] xs, double[] ys, double[][] values,
            String valueLabel) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Adds the line where the value crosses {@code level}, e.g. 0 for Fig. 3's z = 0. May be called
     * once per level wanted.
     *
     * @param level the value the line follows
     * @return this plot
     * @throws IllegalArgumentException when level is not finite
     */
    public HeatmapPlot contour(double level) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Writes each cell's value in it, rounded to three significant digits, as given: pass
     * accuracies in percent to read them in percent. Meant for small grids (a 3 × 3 accuracy grid);
     * off by default.
     *
     * @param annotate whether to write the values
     * @return this plot
     */
    public HeatmapPlot annotate(boolean annotate) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Writes the chart, 800×600 pixels, to a temporary file renamed into place.
     *
     * @param png the PNG file
     * @throws IOException when it cannot be written
     */
    public void write(Path png) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
