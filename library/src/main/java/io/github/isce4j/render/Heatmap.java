package io.github.isce4j.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * A value over a rectangular grid as a heatmap PNG with a colour bar: a function of two settings with
 * the line where it changes sign, or an accuracy over a grid of two hyper-parameters.
 * Each grid point is drawn as a cell reaching halfway to its neighbours; missing values (NaN) are
 * grey. Optional level lines (marching squares over the grid points, interpolated linearly) and
 * per-cell value labels are drawn on top.
 */
public final class Heatmap {

    /** Pixel size of the written PNG. */
    static final int WIDTH = 800;

    static final int HEIGHT = 600;
    /** Level lines are white over a wider black line, so they show on every colour of the scale. */
    static final Color CONTOUR_INNER = Color.WHITE;

    private static final Color CONTOUR_OUTER = Color.BLACK;
    /** Missing cells: a grey that the viridis scale never produces. */
    static final Color MISSING = new Color(0xB0B0B0);
    /** Up to this many points on an axis, each gets its own tick. */
    private static final int SMALL_GRID = 12;
    /** Viridis at nine evenly spaced stops: perceptually uniform and readable in greyscale. */
    private static final int[] VIRIDIS = {
        0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725
    };

    /** One straight piece of a level line, in data coordinates. */
    record Segment(double x1, double y1, double x2, double y2) {
        double length() {
            return Math.hypot(x2 - x1, y2 - y1);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[] xs;
    private final double[] ys;
    private final double[][] values;
    private final String valueLabel;
    private final List<Double> levels = new ArrayList<>();
    private boolean annotate;

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
    public Heatmap(
            String title,
            String xLabel,
            String yLabel,
            double[] xs,
            double[] ys,
            double[][] values,
            String valueLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xs = increasing("xs", xs);
        this.ys = increasing("ys", ys);
        if (values == null || values.length != ys.length) {
            throw new IllegalArgumentException("values must have one row per y (" + ys.length + "), got "
                    + (values == null ? "null" : values.length + " rows"));
        }
        this.values = new double[ys.length][];
        for (int j = 0; j < ys.length; j++) {
            if (values[j] == null || values[j].length != xs.length) {
                throw new IllegalArgumentException("values[" + j + "] must have one value per x (" + xs.length
                        + "), got " + (values[j] == null ? "null" : values[j].length));
            }
            for (int i = 0; i < xs.length; i++) {
                if (Double.isInfinite(values[j][i])) {
                    throw new IllegalArgumentException(
                            "values[" + j + "][" + i + "] must be finite or NaN, got " + values[j][i]);
                }
            }
            this.values[j] = values[j].clone();
        }
        this.valueLabel = valueLabel;
    }

    private static double[] increasing(String name, double[] v) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one coordinate");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + v[i]);
            }
            if (i > 0 && v[i] <= v[i - 1]) {
                throw new IllegalArgumentException(
                        name + " must be strictly increasing, got " + v[i - 1] + " then " + v[i] + " at index " + i);
            }
        }
        return v.clone();
    }

    /**
     * Adds the line where the value crosses {@code level}, e.g. 0 for where the value changes sign.
     * May be called once per level wanted.
     *
     * @param level the value the line follows
     * @return this plot
     * @throws IllegalArgumentException when level is not finite
     */
    public Heatmap contour(double level) {
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("contour level must be finite, got " + level);
        }
        levels.add(level);
        return this;
    }

    /**
     * Writes each cell's value in it, rounded to three significant digits, as given: pass
     * accuracies in percent to read them in percent. Meant for small grids (a 3 × 3 accuracy grid);
     * off by default.
     *
     * @param annotate whether to write the values
     * @return this plot
     */
    public Heatmap annotate(boolean annotate) {
        this.annotate = annotate;
        return this;
    }

    /**
     * Writes the chart, 800×600 pixels, to a temporary file renamed into place.
     *
     * @param png the PNG file
     * @throws IOException when it cannot be written
     */
    public void write(Path png) throws IOException {
        JFreeChart chart = chart();
        Png.write(png, chart, WIDTH, HEIGHT);
    }

    /** @return the chart {@link #write} draws, for tests that map data points to pixels */
    JFreeChart chart() {
        System.setProperty("java.awt.headless", "true");
        double[] xEdges = edges(xs);
        double[] yEdges = edges(ys);
        Scale scale = scale();

        DefaultXYDataset cells = new DefaultXYDataset();
        double[][] points = new double[2][xs.length * ys.length];
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                points[0][j * xs.length + i] = xs[i];
                points[1][j * xs.length + i] = ys[j];
            }
        }
        cells.addSeries("cells", points);

        NumberAxis x = axis(xLabel, xs, RectangleEdge.BOTTOM);
        x.setRange(xEdges[0], xEdges[xs.length]);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = axis(yLabel, ys, RectangleEdge.LEFT);
        y.setRange(yEdges[0], yEdges[ys.length]);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(cells, x, y, new CellRenderer(xEdges, yEdges, values, scale));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlinePaint(Color.DARK_GRAY);

        for (double level : levels) {
            List<Segment> line = contourSegments(level);
            // All outer strokes first, so no black piece is drawn over a neighbouring white one.
            for (Segment s : line) {
                plot.addAnnotation(
                        new XYLineAnnotation(
                                s.x1(),
                                s.y1(),
                                s.x2(),
                                s.y2(),
                                new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND),
                                CONTOUR_OUTER),
                        false);
            }
            for (Segment s : line) {
                plot.addAnnotation(
                        new XYLineAnnotation(
                                s.x1(),
                                s.y1(),
                                s.x2(),
                                s.y2(),
                                new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND),
                                CONTOUR_INNER),
                        false);
            }
        }
        if (annotate) {
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, 14);
            for (int j = 0; j < ys.length; j++) {
                for (int i = 0; i < xs.length; i++) {
                    double v = values[j][i];
                    XYTextAnnotation text = new XYTextAnnotation(Double.isNaN(v) ? "n/a" : format(v), xs[i], ys[j]);
                    text.setFont(font);
                    text.setPaint(readableOn(scale.getPaint(v)));
                    plot.addAnnotation(text, false);
                }
            }
        }

        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis barAxis = new NumberAxis(valueLabel);
        barAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        barAxis.setAutoRangeIncludesZero(false);
        PaintScaleLegend bar = new PaintScaleLegend(scale, barAxis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        bar.setStripWidth(18);
        bar.setSubdivisionCount(256);
        bar.setMargin(new RectangleInsets(10, 10, 10, 10));
        bar.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(bar);
        return chart;
    }

    /**
     * The level line by marching squares: each square of four neighbouring grid points whose
     * values lie on both sides of the level gets one segment (two at a saddle, split by the
     * square's mean) between the points where linear interpolation along its edges meets the
     * level. A value equal to the level counts as above it. Squares with a missing corner get none.
     *
     * @param level the value the line follows
     * @return the segments, in data coordinates
     */
    List<Segment> contourSegments(double level) {
        List<Segment> out = new ArrayList<>();
        for (int j = 0; j + 1 < ys.length; j++) {
            for (int i = 0; i + 1 < xs.length; i++) {
                // Corners counter-clockwise from bottom-left; edges: 0 bottom, 1 right, 2 top, 3 left.
                double[] cx = {xs[i], xs[i + 1], xs[i + 1], xs[i]};
                double[] cy = {ys[j], ys[j], ys[j + 1], ys[j + 1]};
                double[] v = {values[j][i], values[j][i + 1], values[j + 1][i + 1], values[j + 1][i]};
                if (Double.isNaN(v[0]) || Double.isNaN(v[1]) || Double.isNaN(v[2]) || Double.isNaN(v[3])) {
                    continue;
                }
                double[][] cross = new double[4][];
                int crossings = 0;
                for (int e = 0; e < 4; e++) {
                    int a = e;
                    int b = (e + 1) % 4;
                    if ((v[a] >= level) != (v[b] >= level)) {
                        double t = (level - v[a]) / (v[b] - v[a]);
                        cross[e] = new double[] {cx[a] + t * (cx[b] - cx[a]), cy[a] + t * (cy[b] - cy[a])};
                        crossings++;
                    }
                }
                if (crossings == 2) {
                    double[] p = null;
                    for (double[] c : cross) {
                        if (c != null && p == null) {
                            p = c;
                        } else if (c != null) {
                            out.add(new Segment(p[0], p[1], c[0], c[1]));
                        }
                    }
                } else if (crossings == 4) {
                    // A saddle: corners 0 and 2 on one side, 1 and 3 on the other. The square's mean
                    // decides which diagonal pair the region between the two lines connects.
                    boolean centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
                    if (centreAbove == (v[0] >= level)) {
                        // Cut off corners 1 (edges 0, 1) and 3 (edges 2, 3).
                        out.add(segment(cross[0], cross[1]));
                        out.add(segment(cross[2], cross[3]));
                    } else {
                        // Cut off corners 0 (edges 3, 0) and 2 (edges 1, 2).
                        out.add(segment(cross[3], cross[0]));
                        out.add(segment(cross[1], cross[2]));
                    }
                }
            }
        }
        return out;
    }

    private static Segment segment(double[] p, double[] q) {
        return new Segment(p[0], p[1], q[0], q[1]);
    }

    /** A few grid points get a tick each, at the cell centres; a dense grid keeps the usual round ticks. */
    private static NumberAxis axis(String label, double[] grid, RectangleEdge edge) {
        if (grid.length > SMALL_GRID) {
            return new NumberAxis(label);
        }
        return new NumberAxis(label) {
            private static final long serialVersionUID = 1L;

            @Override
            public List<ValueTick> refreshTicks(
                    Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge unused) {
                List<ValueTick> ticks = new ArrayList<>();
                for (double v : grid) {
                    ticks.add(
                            edge == RectangleEdge.BOTTOM
                                    ? new NumberTick(v, format(v), TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0)
                                    : new NumberTick(v, format(v), TextAnchor.CENTER_RIGHT, TextAnchor.CENTER, 0));
                }
                return ticks;
            }
        };
    }

    /** Cell boundaries halfway between grid points; the outer cells are as wide as their neighbour's half-gap. */
    private static double[] edges(double[] c) {
        double[] e = new double[c.length + 1];
        if (c.length == 1) {
            double half = c[0] == 0 ? 0.5 : Math.abs(c[0]) * 0.1;
            e[0] = c[0] - half;
            e[1] = c[0] + half;
            return e;
        }
        for (int i = 1; i < c.length; i++) {
            e[i] = (c[i - 1] + c[i]) / 2;
        }
        e[0] = c[0] - (c[1] - c[0]) / 2;
        e[c.length] = c[c.length - 1] + (c[c.length - 1] - c[c.length - 2]) / 2;
        return e;
    }

    private Scale scale() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new Scale(0, 1);
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            return new Scale(lo - pad, hi + pad);
        }
        return new Scale(lo, hi);
    }

    /** Three significant digits without trailing zeros or exponent: 87.53 → 87.5, 100 → 100, 0.5 → 0.5. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static Color readableOn(Paint background) {
        Color c = background instanceof Color colour ? colour : Color.WHITE;
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance > 140 ? Color.BLACK : Color.WHITE;
    }

    /** Viridis from the smallest to the largest value present; NaN is grey. */
    static final class Scale implements PaintScale, Serializable {
        private static final long serialVersionUID = 1L;
        private final double lower;
        private final double upper;

        Scale(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return MISSING;
            }
            double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (VIRIDIS.length - 1);
            int k = Math.min((int) t, VIRIDIS.length - 2);
            double f = t - k;
            Color a = new Color(VIRIDIS[k]);
            Color b = new Color(VIRIDIS[k + 1]);
            return new Color(
                    (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }

    /** Fills each cell between its edges, snapped to whole pixels so neighbours leave no seam. */
    private static final class CellRenderer extends AbstractXYItemRenderer {
        private static final long serialVersionUID = 1L;
        private final double[] xEdges;
        private final double[] yEdges;
        private final double[][] values;
        private final Scale scale;

        CellRenderer(double[] xEdges, double[] yEdges, double[][] values, Scale scale) {
            this.xEdges = xEdges;
            this.yEdges = yEdges;
            this.values = values;
            this.scale = scale;
        }

        @Override
        public void drawItem(
                Graphics2D g2,
                XYItemRendererState state,
                Rectangle2D dataArea,
                PlotRenderingInfo info,
                XYPlot plot,
                org.jfree.chart.axis.ValueAxis domainAxis,
                org.jfree.chart.axis.ValueAxis rangeAxis,
                XYDataset dataset,
                int series,
                int item,
                CrosshairState crosshairState,
                int pass) {
            int nx = xEdges.length - 1;
            int i = item % nx;
            int j = item / nx;
            double x0 = domainAxis.valueToJava2D(xEdges[i], dataArea, plot.getDomainAxisEdge());
            double x1 = domainAxis.valueToJava2D(xEdges[i + 1], dataArea, plot.getDomainAxisEdge());
            double y0 = rangeAxis.valueToJava2D(yEdges[j], dataArea, plot.getRangeAxisEdge());
            double y1 = rangeAxis.valueToJava2D(yEdges[j + 1], dataArea, plot.getRangeAxisEdge());
            int left = (int) Math.round(Math.min(x0, x1));
            int right = (int) Math.round(Math.max(x0, x1));
            int top = (int) Math.round(Math.min(y0, y1));
            int bottom = (int) Math.round(Math.max(y0, y1));
            g2.setPaint(scale.getPaint(values[j][i]));
            g2.fillRect(left, top, right - left, bottom - top);
        }
    }
}
