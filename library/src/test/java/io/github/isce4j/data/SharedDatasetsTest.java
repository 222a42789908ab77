package io.github.isce4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fashion-MNIST and CIFAR-10 from ISCE4J_DATA or ../shared/data, checked against the facts in
 * the data READMEs; skipped, with the reason shown, when the data is not there.
 */
class SharedDatasetsTest {

    @Test
    void fashionMnistTraining() {
        ImageSet train = TestData.shared(DatasetName.FASHION_MNIST, Split.TRAIN);
        assertThat(train.size()).isEqualTo(60_000);
        assertThat(train.channels()).isEqualTo(1);
        assertThat(train.height()).isEqualTo(28);
        assertThat(train.labels()).startsWith(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        int[] sixThousand = new int[10];
        Arrays.fill(sixThousand, 6_000);
        assertThat(TestData.classCounts(train)).containsExactly(sixThousand);
        assertThat(TestData.byteSum(train)).isEqualTo(3_431_114_169L);
        assertThat(train.sha256().get(0))
                .startsWith("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84");
    }

    @Test
    void fashionMnistTest() {
        ImageSet test = TestData.shared(DatasetName.FASHION_MNIST, Split.TEST);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.note()).isEmpty();
        assertThat(test.labels()).startsWith(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1_000);
        assertThat(TestData.classCounts(test)).containsExactly(thousand);
        assertThat(TestData.byteSum(test)).isEqualTo(573_469_082L);
    }

    @Test
    void cifar10Training() {
        ImageSet train = TestData.shared(DatasetName.CIFAR10, Split.TRAIN);
        assertThat(train.size()).isEqualTo(50_000);
        assertThat(train.channels()).isEqualTo(3);
        assertThat(train.height()).isEqualTo(32);
        assertThat(train.width()).isEqualTo(32);
        assertThat(train.note()).isEmpty();
        assertThat(train.labels()).startsWith(6, 9, 9, 4, 1, 1, 2, 7, 8, 3);
        int[] fiveThousand = new int[10];
        Arrays.fill(fiveThousand, 5_000);
        assertThat(TestData.classCounts(train)).containsExactly(fiveThousand);
        assertThat(TestData.byteSum(train)).isEqualTo(18_540_682_003L);
        assertThat(train.sha256()).hasSize(5);
    }

    @Test
    void cifar10ChannelMeansAreTheWellKnownOnes() {
        ImageSet train = TestData.shared(DatasetName.CIFAR10, Split.TRAIN);
        double[] sums = new double[3];
        int chunk = 1_000;
        for (int from = 0; from < train.size(); from += chunk) {
            float[] px = train.pixels(from, from + chunk);
            for (int k = 0; k < px.length; k++) {
                sums[(k / 1024) % 3] += px[k]; // NCHW: 1,024 values per channel plane
            }
        }
        double perChannel = train.size() * 1024.0;
        assertThat(sums[0] / perChannel).isCloseTo(0.4914, within(1e-4));
        assertThat(sums[1] / perChannel).isCloseTo(0.4822, within(1e-4));
        assertThat(sums[2] / perChannel).isCloseTo(0.4465, within(1e-4));
        // the first red row of training image 0, as published by other loaders
        float[] first = train.pixels(0, 1);
        int[] red = new int[8];
        for (int k = 0; k < 8; k++) {
            red[k] = Math.round(first[k] * 255f);
        }
        assertThat(red).containsExactly(59, 43, 50, 68, 98, 119, 139, 145);
    }

    /**
     * The shared CIFAR-10 test set holds only the first 1,000 images (see its README): those are
     * checked either way, and the set says it is partial exactly when it is. Should someone
     * complete it, the whole set must say nothing and hold 1,000 images of each class.
     */
    @Test
    void cifar10PartialTestSetSaysSo() {
        ImageSet test = TestData.shared(DatasetName.CIFAR10, Split.TEST);
        assertThat(test.size())
                .as("a partial set holds the first 1,000, a complete one all")
                .isIn(1_000, 10_000);
        ImageSet first = test.first(1_000);
        assertThat(first.labels()).startsWith(3, 8, 8, 0, 6, 6, 1, 6, 3, 1, 0, 9, 5, 7, 9, 8);
        assertThat(TestData.classCounts(first)).containsExactly(103, 89, 100, 103, 90, 86, 112, 102, 106, 109);
        assertThat(TestData.byteSum(first)).isEqualTo(374_560_331L);
        assertThat(first.note()).isEqualTo("first 1,000 test images");
        assertThat(test.first(500).note()).isEqualTo("first 500 test images");
        if (test.size() == 1_000) {
            assertThat(test.note()).isEqualTo("first 1,000 test images");
            assertThat(test.toString()).endsWith(", first 1,000 test images]");
        } else {
            assertThat(test.note()).as("the complete test set").isEmpty();
            assertThat(test.toString()).doesNotContain("first");
            int[] thousand = new int[10];
            Arrays.fill(thousand, 1_000);
            assertThat(TestData.classCounts(test)).containsExactly(thousand);
        }
    }

    @Test
    void cifar10Sha256MatchesTheReadme() {
        ImageSet train = TestData.shared(DatasetName.CIFAR10, Split.TRAIN);
        for (String line : train.sha256()) {
            String[] parts = line.split("  ");
            assertThat(KnownChecksums.match(DatasetName.CIFAR10, parts[1], parts[0]))
                    .as(line)
                    .isPresent();
        }
    }
}
