package io.github.isce4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.InvalidSetting;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

class ScatterGridTest {

    private static JFreeChart panel(int numClasses) {
        ClassScatter scatter = new ClassScatter(numClasses);
        for (int c = 0; c < numClasses; c++) {
            scatter.add(c, c, c * c);
        }
        return scatter.chart("p", "x", "y");
    }

    @Test
    void panelsFillRowsUnderTheTitleAndOverOneLegendWithoutTheirOwn() {
        List<JFreeChart> panels = List.of(panel(3), panel(3), panel(3));
        BufferedImage image = new ScatterGrid("grid", 2, 3).render(panels);
        assertThat(image.getWidth()).isEqualTo(2 * ScatterGrid.PANEL_WIDTH);
        assertThat(image.getHeight())
                .isEqualTo(ScatterGrid.TITLE_HEIGHT + 2 * ScatterGrid.PANEL_HEIGHT + ScatterGrid.LEGEND_HEIGHT);
        assertThat(panels).allSatisfy(p -> assertThat(p.getLegend()).isNull());
        // The empty fourth slot stays white.
        for (int x = ScatterGrid.PANEL_WIDTH; x < image.getWidth(); x += 17) {
            for (int y = ScatterGrid.TITLE_HEIGHT + ScatterGrid.PANEL_HEIGHT;
                    y < image.getHeight() - ScatterGrid.LEGEND_HEIGHT;
                    y += 13) {
                assertThat(image.getRGB(x, y) & 0xFFFFFF).isEqualTo(0xFFFFFF);
            }
        }
    }

    @Test
    void classColoursAreFixedAndDistinct() {
        assertThat(ClassScatter.colour(0).getRGB() & 0xFFFFFF).isEqualTo(0x1f77b4);
        for (int c = 0; c < 20; c++) {
            for (int d = c + 1; d < 20; d++) {
                assertThat(ClassScatter.colour(c)).as("classes %d and %d", c, d).isNotEqualTo(ClassScatter.colour(d));
            }
        }
        assertThat(panel(2).getXYPlot().getRenderer().getSeriesPaint(1)).isEqualTo(ClassScatter.colour(1));
    }

    @Test
    void badGridsNameTheSetting() {
        assertThatThrownBy(() -> new ScatterGrid("t", 0, 3))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("columns must be >= 1, got 0");
        assertThatThrownBy(() -> new ScatterGrid("t", 1, 0))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("numClasses must be >= 1, got 0");
        assertThatThrownBy(() -> new ScatterGrid("t", 1, 3).render(List.of()))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("panels must hold at least one panel");
        assertThatThrownBy(() -> new ClassScatter(0))
                .isInstanceOf(InvalidSetting.class)
                .extracting(e -> ((InvalidSetting) e).setting())
                .isEqualTo("numClasses");
    }
}
