package io.github.isce4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.render.ClassScatter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingPlotTest {

    @Test
    void coordinatesAreHUpToThreeDimensionsAndPrincipalComponentsBeyond(@TempDir Path dir) throws IOException {
        int n = 200;
        ImageSet test = new DataLocator(List.of(), true)
                .load(DatasetName.MNIST, Split.TEST)
                .first(n);
        float[] flat = test.pixels(0, n);
        float[][] raw = new float[n][784];
        float[][] two = new float[n][2];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * 784, raw[i], 0, 784);
            two[i][0] = raw[i][300];
            two[i][1] = raw[i][400];
        }
        Embeddings wide = new Embeddings(test.labels(), test.labels(), raw);
        Embeddings flatPair = new Embeddings(test.labels(), test.labels(), two);

        assertThat(EmbeddingPlot.coordinates(flatPair)[7]).containsExactly(two[7][0], two[7][1]);
        assertThat(EmbeddingPlot.axisLabel(flatPair, 1)).isEqualTo("h1");
        double[][] pc = EmbeddingPlot.coordinates(wide);
        assertThat(pc[0]).hasSize(3);
        assertThat(EmbeddingPlot.axisLabel(wide, 0)).isEqualTo("principal component 1");
        // Principal components are centred and ordered by variance.
        double[] mean = new double[3];
        double[] var = new double[3];
        for (double[] p : pc) {
            for (int k = 0; k < 3; k++) {
                mean[k] += p[k] / n;
                var[k] += p[k] * p[k] / n;
            }
        }
        assertThat(Math.abs(mean[0])).isLessThan(1e-6);
        assertThat(var[0]).isGreaterThanOrEqualTo(var[1]);
        assertThat(var[1]).isGreaterThanOrEqualTo(var[2]);

        // Three views of a wide feature, one of a 2-D feature.
        EmbeddingPlot.writePng(wide, 10, "pixels", dir.resolve("wide.png"));
        EmbeddingPlot.writePng(flatPair, 10, "two pixels", dir.resolve("two.png"));
        BufferedImage a = ImageIO.read(dir.resolve("wide.png").toFile());
        BufferedImage b = ImageIO.read(dir.resolve("two.png").toFile());
        assertThat(a.getWidth()).isEqualTo(3 * 600);
        assertThat(b.getWidth()).isEqualTo(600);
        assertThat(ClassScatter.colour(3)).isNotEqualTo(ClassScatter.colour(4));
    }
}
