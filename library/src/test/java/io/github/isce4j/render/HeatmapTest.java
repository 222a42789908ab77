package io.github.isce4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapTest {

    /** Fig. 3's surface, docs/method.md §1.3: z(s, m) with the paper's constants f = 0.97 and S = 8. */
    private static double z(double s, double m) {
        double f = 0.97;
        double sum = 8;
        double e = Math.exp(s * f + m);
        return s * e / ((e + sum) * (e + sum)) - Math.exp(f) / ((Math.exp(f) + sum) * (Math.exp(f) + sum));
    }

    private static double[] grid(double from, double step, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + i * step;
        }
        return v;
    }

    /** s ∈ [0.5, 5] step 0.1 (46) × m ∈ [0, 0.5] step 0.01 (51), as Fig. 3 is drawn. */
    private static Heatmap fig3() {
        double[] s = grid(0.5, 0.1, 46);
        double[] m = grid(0, 0.01, 51);
        double[][] v = new double[m.length][s.length];
        for (int j = 0; j < m.length; j++) {
            for (int i = 0; i < s.length; i++) {
                v[j][i] = z(s[i], m[j]);
            }
        }
        return new Heatmap("z(s, m), f = 0.97, S = 8", "scale s", "margin m", s, m, v, "z(s, m)");
    }

    private static Rendered render(Heatmap plot) {
        JFreeChart chart = plot.chart();
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(Heatmap.WIDTH, Heatmap.HEIGHT, info);
        return new Rendered(image, info.getPlotInfo().getDataArea(), chart.getXYPlot());
    }

    private record Rendered(BufferedImage image, Rectangle2D area, XYPlot plot) {
        Color at(double x, double y) {
            int px = (int) Math.round(plot.getDomainAxis().valueToJava2D(x, area, plot.getDomainAxisEdge()));
            int py = (int) Math.round(plot.getRangeAxis().valueToJava2D(y, area, plot.getRangeAxisEdge()));
            return new Color(image.getRGB(px, py));
        }
    }

    @Test
    void linearFieldContourIsExactlyTheLevelLine() {
        // values = x - y - 0.05 on [0, 1]²: linear interpolation is exact, so the line is x - y = 0.05.
        double[] c = grid(0, 0.1, 11);
        double[][] v = new double[11][11];
        for (int j = 0; j < 11; j++) {
            for (int i = 0; i < 11; i++) {
                v[j][i] = c[i] - c[j] - 0.05;
            }
        }
        List<Heatmap.Segment> line = new Heatmap("t", "x", "y", c, c, v, "v").contourSegments(0);
        assertThat(line).isNotEmpty();
        double length = 0;
        for (Heatmap.Segment s : line) {
            assertThat(s.x1() - s.y1()).isCloseTo(0.05, within(1e-9));
            assertThat(s.x2() - s.y2()).isCloseTo(0.05, within(1e-9));
            length += s.length();
        }
        // From (0.05, 0) to (1, 0.95), with no gap or double piece.
        assertThat(length).isCloseTo(0.95 * Math.sqrt(2), within(1e-9));
    }

    @Test
    void saddleIsSplitByTheSquaresMean() {
        // Corners (0,0)=1, (1,0)=-3, (1,1)=1, (0,1)=-3: the mean -1 is below, so the two lines cut
        // off the positive corners (0,0) and (1,1).
        double[] c = {0, 1};
        double[][] v = {{1, -3}, {-3, 1}};
        List<Heatmap.Segment> line = new Heatmap("t", "x", "y", c, c, v, "v").contourSegments(0);
        assertThat(line)
                .containsExactlyInAnyOrder(
                        new Heatmap.Segment(0, 0.25, 0.25, 0), new Heatmap.Segment(1, 0.75, 0.75, 1));
    }

    @Test
    void missingCornerDrawsNoContourThere() {
        double[] c = {0, 1, 2};
        // The right square changes sign (1 to -1) but has a missing corner, so only the left one has a line.
        double[][] v = {{-1, 1, Double.NaN}, {-1, 1, -1}};
        List<Heatmap.Segment> line = new Heatmap("t", "x", "y", c, new double[] {0, 1}, v, "v").contourSegments(0);
        assertThat(line).containsExactly(new Heatmap.Segment(0.5, 0, 0.5, 1));
    }

    @Test
    void fig3ContourFollowsTheSignChangeOfZ() {
        List<Heatmap.Segment> line = fig3().contourSegments(0);
        // z < 0 for s = 0.5, z > 0 at s = 1.5 for every m: one branch near s = 1 across the whole m range,
        // and z(5, 0.5) < 0 (docs/method.md §1.3's z; the report's Fig. 3 section says so) makes a second
        // branch in the corner s > 4.5.
        assertThat(z(0.5, 0.25)).isNegative();
        assertThat(z(5, 0.5)).isNegative();
        double minM = 1;
        double maxM = 0;
        boolean corner = false;
        for (Heatmap.Segment s : line) {
            for (double[] p : new double[][] {{s.x1(), s.y1()}, {s.x2(), s.y2()}}) {
                // Linear interpolation along a grid edge of step 0.1 lands within 1e-4 of the true zero.
                assertThat(Math.abs(z(p[0], p[1]))).isLessThan(1e-4);
                if (p[0] < 1.5) {
                    minM = Math.min(minM, p[1]);
                    maxM = Math.max(maxM, p[1]);
                } else {
                    assertThat(p[0]).isGreaterThan(4.5);
                    corner = true;
                }
            }
        }
        assertThat(minM).isCloseTo(0, within(1e-9));
        assertThat(maxM).isCloseTo(0.5, within(1e-9));
        assertThat(corner).isTrue();
    }

    @Test
    void fig3PngShowsTheContourWhereZChangesSignAndCellsInTheirColour(@TempDir Path dir) throws IOException {
        Heatmap plot = fig3().contour(0);
        Path png = dir.resolve("fig3.png");
        plot.write(png);
        BufferedImage written = ImageIO.read(png.toFile());
        assertThat(written.getWidth()).isEqualTo(800);
        assertThat(written.getHeight()).isEqualTo(600);

        Rendered r = render(plot);
        // Halfway along a piece of the line, the pixel is the line's.
        Heatmap.Segment s = plot.contourSegments(0).get(plot.contourSegments(0).size() / 2);
        assertThat(r.at((s.x1() + s.x2()) / 2, (s.y1() + s.y2()) / 2)).isEqualTo(Heatmap.CONTOUR_INNER);
        // Far from the line a cell has exactly its value's colour on the scale.
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double si = 0.5; si <= 5.0001; si += 0.1) {
            for (double m = 0; m <= 0.5001; m += 0.01) {
                lo = Math.min(lo, z(si, m));
                hi = Math.max(hi, z(si, m));
            }
        }
        Color expected = (Color) new Heatmap.Scale(lo, hi).getPaint(z(3.0, 0.25));
        assertThat(r.at(3.0, 0.25)).isEqualTo(expected);
        assertThat(r.at(3.0, 0.25)).isNotEqualTo(Heatmap.CONTOUR_INNER);
    }

    @Test
    void smallAnnotatedGridWritesValuesAndGreyForMissing(@TempDir Path dir) throws IOException {
        double[] s = {1, 1.5, 2};
        double[] m = {0.033, 0.067, 0.1};
        double[][] acc = {{91.2, 88.0, 85.5}, {93.4, Double.NaN, 87.1}, {95.0, 90.3, 89.9}};
        Heatmap plain = new Heatmap("PGD-un accuracy", "s", "m", s, m, acc, "robust accuracy (%)");
        Heatmap annotated = new Heatmap("PGD-un accuracy", "s", "m", s, m, acc, "robust accuracy (%)").annotate(true);
        Path png = dir.resolve("fig4.png");
        annotated.write(png);
        BufferedImage written = ImageIO.read(png.toFile());
        assertThat(written.getWidth()).isEqualTo(800);
        assertThat(written.getHeight()).isEqualTo(600);

        Rendered without = render(plain);
        Rendered with = render(annotated);
        assertThat(without.at(1.5, 0.067)).isEqualTo(Heatmap.MISSING);
        // Text lies around the cell's centre: some pixels there differ from the plain cell, none without text.
        assertThat(changedPixelsNear(without, with, 2, 0.1)).isGreaterThan(20);
        assertThat(changedPixelsNear(without, render(plain), 2, 0.1)).isZero();
    }

    private static int changedPixelsNear(Rendered a, Rendered b, double x, double y) {
        int px = (int) Math.round(
                a.plot().getDomainAxis().valueToJava2D(x, a.area(), a.plot().getDomainAxisEdge()));
        int py = (int) Math.round(
                a.plot().getRangeAxis().valueToJava2D(y, a.area(), a.plot().getRangeAxisEdge()));
        int changed = 0;
        for (int dx = -25; dx <= 25; dx++) {
            for (int dy = -10; dy <= 10; dy++) {
                changed += a.image().getRGB(px + dx, py + dy) != b.image().getRGB(px + dx, py + dy) ? 1 : 0;
            }
        }
        return changed;
    }

    @Test
    void valuesAreFormattedToThreeSignificantDigits() {
        assertThat(Heatmap.format(87.53)).isEqualTo("87.5");
        assertThat(Heatmap.format(100)).isEqualTo("100");
        assertThat(Heatmap.format(0.5)).isEqualTo("0.5");
        assertThat(Heatmap.format(-0.0012345)).isEqualTo("-0.00123");
    }

    @Test
    void badGridsNameTheSetting() {
        double[][] one = {{1, 2}};
        assertThatThrownBy(() -> new Heatmap("t", "x", "y", new double[] {1, 1}, new double[] {0}, one, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xs must be strictly increasing");
        assertThatThrownBy(() -> new Heatmap("t", "x", "y", new double[] {1, 2}, new double[] {0, 1}, one, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one row per y (2)");
        assertThatThrownBy(() -> new Heatmap("t", "x", "y", new double[] {1, 2, 3}, new double[] {0}, one, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("values[0]");
        assertThatThrownBy(() -> new Heatmap(
                        "t",
                        "x",
                        "y",
                        new double[] {1, 2},
                        new double[] {0},
                        new double[][] {{1, Double.POSITIVE_INFINITY}},
                        "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite or NaN");
    }
}
