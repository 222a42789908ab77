package io.github.isce4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The MNIST files shipped in the jar, checked against the facts in the data README. */
class MnistEmbeddedTest {

    @Test
    void trainingSetHasTheOfficialShapeAndLabels() {
        ImageSet train = TestData.mnist(Split.TRAIN);
        assertThat(train.size()).isEqualTo(60_000);
        assertThat(train.channels()).isEqualTo(1);
        assertThat(train.height()).isEqualTo(28);
        assertThat(train.width()).isEqualTo(28);
        assertThat(train.dataset()).isEqualTo(DatasetName.MNIST);
        assertThat(train.split()).isEqualTo(Split.TRAIN);
        assertThat(train.note()).isEmpty();
        assertThat(train.label(0)).isEqualTo(5);
        assertThat(TestData.classCounts(train))
                .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    }

    @Test
    void testSetHasTheOfficialShapeAndLabels() {
        ImageSet test = TestData.mnist(Split.TEST);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.label(0)).isEqualTo(7);
        assertThat(test.labels()).startsWith(7, 2, 1, 0, 4, 1, 4, 9, 5, 9);
        assertThat(TestData.classCounts(test)).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    }

    @Test
    void pixelsMatchSumsComputedIndependently() {
        // sums computed with Python's gzip + NumPy from the same files
        assertThat(TestData.byteSum(TestData.mnist(Split.TRAIN))).isEqualTo(1_567_298_545L);
        assertThat(TestData.byteSum(TestData.mnist(Split.TEST))).isEqualTo(264_923_200L);
        float[] first = TestData.mnist(Split.TRAIN).pixels(0, 1);
        assertThat(first).hasSize(784);
        double sum = 0;
        for (float v : first) {
            sum += v * 255.0;
        }
        assertThat(sum).isCloseTo(27_525, within(1e-3));
    }

    @Test
    void pixelsAreInUnitRangeWithTheWellKnownMean() {
        ImageSet train = TestData.mnist(Split.TRAIN);
        float[] all = train.pixels(0, train.size());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double sum = 0;
        for (float v : all) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        // the mean everyone normalises MNIST with
        assertThat(sum / all.length).isCloseTo(0.1307, within(1e-4));
    }

    @Test
    void sha256IsTheOfficialOne() {
        assertThat(TestData.mnist(Split.TRAIN).sha256())
                .containsExactly(
                        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"
                                + "  train-images-idx3-ubyte.gz",
                        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"
                                + "  train-labels-idx1-ubyte.gz");
        assertThat(TestData.mnist(Split.TEST).sha256())
                .containsExactly(
                        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"
                                + "  t10k-images-idx3-ubyte.gz",
                        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"
                                + "  t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void firstTakesAPrefixAndSaysSo() {
        ImageSet test = TestData.mnist(Split.TEST);
        ImageSet head = test.first(1_000);
        assertThat(head.size()).isEqualTo(1_000);
        assertThat(head.note()).isEqualTo("first 1,000 test images");
        assertThat(head.labels()).containsExactly(java.util.Arrays.copyOf(test.labels(), 1_000));
        assertThat(head.pixels(999, 1_000)).containsExactly(test.pixels(999, 1_000));
        assertThat(test.first(test.size())).isSameAs(test);
        assertThatThrownBy(() -> head.label(1_000)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> test.first(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 1 to 10,000");
        assertThatThrownBy(() -> test.first(10_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsReturnsACopy() {
        ImageSet test = TestData.mnist(Split.TEST);
        int[] labels = test.labels();
        labels[0] = 3;
        assertThat(test.label(0)).isEqualTo(7);
    }
}
