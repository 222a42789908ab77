package io.github.isce4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.InvalidSetting;
import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvePlotTest {

    @Test
    void linesKeepTheirOrderAndPairsAreSolidThenDashed() {
        CurvePlot plot =
                new CurvePlot("t", "x", "y").add("b", 0, 1).add("a", 0, 2).add("b", 1, 3);
        XYPlot xy = plot.chart().getXYPlot();
        assertThat(xy.getDataset().getSeriesCount()).isEqualTo(2);
        assertThat(xy.getDataset().getSeriesKey(0).toString()).isEqualTo("b");
        assertThat(xy.getDataset().getItemCount(0)).isEqualTo(2);
        assertThat(((BasicStroke) xy.getRenderer().getSeriesStroke(0)).getDashArray())
                .isNull();
        assertThat(((BasicStroke) xy.getRenderer().getSeriesStroke(1)).getDashArray())
                .containsExactly(8f, 5f);
        assertThat(xy.getRenderer().getSeriesPaint(1))
                .isNotEqualTo(xy.getRenderer().getSeriesPaint(0));
    }

    @Test
    void tenLinesNeverShareAColourSoISceStandsApartFromSce() {
        CurvePlot plot = new CurvePlot("t", "x", "y");
        for (int i = 0; i < 10; i++) {
            plot.add("method " + i, 0, i);
        }
        XYPlot xy = plot.chart().getXYPlot();
        java.util.Set<java.awt.Paint> paints = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            paints.add(xy.getRenderer().getSeriesPaint(i));
        }
        assertThat(paints).hasSize(10);
    }

    @Test
    void aFixedRangeHoldsWhateverThePointsAndOtherwiseTheAxisFitsThem() {
        JFreeChart fixed = new CurvePlot("t", "x", "%")
                .yRange(0, 100)
                .add("a", 0, 40)
                .add("a", 1, 60)
                .chart();
        assertThat(fixed.getXYPlot().getRangeAxis().getLowerBound()).isEqualTo(0);
        assertThat(fixed.getXYPlot().getRangeAxis().getUpperBound()).isEqualTo(100);
        JFreeChart fitted =
                new CurvePlot("t", "x", "y").add("a", 0, 40).add("a", 1, 60).chart();
        assertThat(fitted.getXYPlot().getRangeAxis().getUpperBound()).isLessThan(100);
    }

    @Test
    void writesA900By560PngAndRefusesAnEmptyRange(@TempDir Path dir) throws IOException {
        CurvePlot plot = new CurvePlot("t", "x", "y");
        assertThat(plot.isEmpty()).isTrue();
        plot.add("a", 0, 1).write(dir.resolve("c.png"));
        assertThat(plot.isEmpty()).isFalse();
        BufferedImage image = ImageIO.read(dir.resolve("c.png").toFile());
        assertThat(image.getWidth()).isEqualTo(CurvePlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(CurvePlot.HEIGHT);
        assertThatThrownBy(() -> plot.yRange(1, 1))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("y range must be finite with lower < upper, got [1.0, 1.0]");
        assertThatThrownBy(() -> plot.yRange(0, Double.NaN)).isInstanceOf(InvalidSetting.class);
    }
}
