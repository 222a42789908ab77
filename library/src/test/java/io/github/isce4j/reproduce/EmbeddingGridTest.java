package io.github.isce4j.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.Embeddings;
import io.github.isce4j.render.ClassScatter;
import io.github.isce4j.render.ScatterGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingGridTest {

    private static final int N = 500;
    /** The first 500 MNIST test images: raw pixels (784-D), ink per third (3-D) and per half (2-D). */
    private static Embeddings pixels;

    private static Embeddings thirds;
    private static Embeddings halves;

    @BeforeAll
    static void loadMnist() {
        ImageSet test = new DataLocator(List.of(), true)
                .load(DatasetName.MNIST, Split.TEST)
                .first(N);
        float[] flat = test.pixels(0, N);
        int[] labels = test.labels();
        float[][] raw = new float[N][784];
        float[][] three = new float[N][3];
        float[][] two = new float[N][2];
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < 784; p++) {
                float v = flat[i * 784 + p];
                raw[i][p] = v;
                three[i][Math.min(2, (p / 28) / 10)] += v / 280;
                two[i][(p % 28) < 14 ? 0 : 1] += v / 392;
            }
        }
        pixels = new Embeddings(labels, labels, raw);
        thirds = new Embeddings(labels, labels, three);
        halves = new Embeddings(labels, labels, two);
    }

    @Test
    void panelsAreLaidOutRowByRowWithEveryClassColourAndOneLegend(@TempDir Path dir) throws IOException {
        List<EmbeddingGrid.Panel> panels = List.of(
                new EmbeddingGrid.Panel("pixels, MNIST", pixels),
                new EmbeddingGrid.Panel("ink per third, MNIST", thirds),
                new EmbeddingGrid.Panel("ink per half, MNIST", halves));
        Path png = dir.resolve("fig9.png");
        EmbeddingGrid.write(panels, 2, 10, "Fig. 9: embeddings", png);
        BufferedImage image = ImageIO.read(png.toFile());
        int rows = 2;
        assertThat(image.getWidth()).isEqualTo(2 * ScatterGrid.PANEL_WIDTH);
        assertThat(image.getHeight())
                .isEqualTo(ScatterGrid.TITLE_HEIGHT + rows * ScatterGrid.PANEL_HEIGHT + ScatterGrid.LEGEND_HEIGHT);
        for (int p = 0; p < 3; p++) {
            int x = (p % 2) * ScatterGrid.PANEL_WIDTH;
            int y = ScatterGrid.TITLE_HEIGHT + (p / 2) * ScatterGrid.PANEL_HEIGHT;
            // All ten digits occur in the first 500 test images, so each panel shows all ten colours.
            assertThat(coloursIn(image, x, y, ScatterGrid.PANEL_WIDTH, ScatterGrid.PANEL_HEIGHT))
                    .as("class colours in panel %d", p)
                    .isEqualTo(10);
        }
        // The fourth slot is empty; the legend band names every class.
        assertThat(coloursIn(
                        image,
                        ScatterGrid.PANEL_WIDTH,
                        ScatterGrid.TITLE_HEIGHT + ScatterGrid.PANEL_HEIGHT,
                        ScatterGrid.PANEL_WIDTH,
                        ScatterGrid.PANEL_HEIGHT))
                .isZero();
        assertThat(coloursIn(
                        image,
                        0,
                        image.getHeight() - ScatterGrid.LEGEND_HEIGHT,
                        image.getWidth(),
                        ScatterGrid.LEGEND_HEIGHT))
                .isEqualTo(10);
    }

    /** How many of the ten class colours occur exactly somewhere in the rectangle. */
    private static int coloursIn(BufferedImage image, int x0, int y0, int w, int h) {
        boolean[] seen = new boolean[10];
        for (int x = x0; x < x0 + w; x++) {
            for (int y = y0; y < y0 + h; y++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                for (int c = 0; c < 10; c++) {
                    seen[c] |= rgb == (ClassScatter.colour(c).getRGB() & 0xFFFFFF);
                }
            }
        }
        int n = 0;
        for (boolean s : seen) {
            n += s ? 1 : 0;
        }
        return n;
    }

    @Test
    void badGridsNameTheSetting() {
        List<EmbeddingGrid.Panel> one = List.of(new EmbeddingGrid.Panel("halves", halves));
        assertThatThrownBy(() -> EmbeddingGrid.render(List.of(), 2, 10, "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("panels");
        assertThatThrownBy(() -> EmbeddingGrid.render(one, 0, 10, "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columns must be >= 1");
        assertThatThrownBy(() -> EmbeddingGrid.render(one, 1, 5, "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("panel \"halves\" has label")
                .hasMessageContaining("numClasses = 5");
    }

    @Test
    void threeDimensionalPanelIsTheViewAlongOneOneOne() {
        // Moving a point along (1, 1, 1) must not move it in the view; the rest of the picture is unchanged.
        float[][] shifted = new float[N][3];
        for (int i = 0; i < N; i++) {
            float t = (i % 7) * 0.3f;
            for (int k = 0; k < 3; k++) {
                shifted[i][k] = thirds.features()[i][k] + t;
            }
        }
        Embeddings along = new Embeddings(thirds.labels(), thirds.predictions(), shifted);
        BufferedImage a = EmbeddingGrid.render(List.of(new EmbeddingGrid.Panel("p", thirds)), 1, 10, "t");
        BufferedImage b = EmbeddingGrid.render(List.of(new EmbeddingGrid.Panel("p", along)), 1, 10, "t");
        int differing = 0;
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                differing += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        assertThat(differing).isLessThan(50);
    }
}
