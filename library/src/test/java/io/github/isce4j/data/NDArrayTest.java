package io.github.isce4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The NDArray views equal the Java views exactly. */
class NDArrayTest {

    @Test
    void mnistImagesEqualPixels() {
        ImageSet test = TestData.mnist(Split.TEST);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = test.images(manager);
            assertThat(images.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(images.getShape()).isEqualTo(new Shape(10_000, 1, 28, 28));
            for (int i : new int[] {0, 1, 4_321, 9_999}) {
                assertThat(images.get(i).toFloatArray()).as("image %d", i).containsExactly(test.pixels(i, i + 1));
            }
            assertThat(images.max().getFloat()).isEqualTo(1f);
            assertThat(images.min().getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void labelArrayIsInt64() {
        ImageSet test = TestData.mnist(Split.TEST);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = test.labelArray(manager);
            assertThat(labels.getDataType()).isEqualTo(DataType.INT64);
            assertThat(labels.getShape()).isEqualTo(new Shape(10_000));
            long[] values = labels.toLongArray();
            int[] expected = test.labels();
            for (int i = 0; i < expected.length; i++) {
                assertThat(values[i]).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void firstNHasAnNArrayOfNImages() {
        ImageSet head = TestData.mnist(Split.TRAIN).first(100);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(head.images(manager).getShape()).isEqualTo(new Shape(100, 1, 28, 28));
            assertThat(head.labelArray(manager).getShape()).isEqualTo(new Shape(100));
            assertThat(head.images(manager).get(99).toFloatArray()).containsExactly(head.pixels(99, 100));
        }
    }

    @Test
    void cifarImagesEqualPixels() {
        ImageSet test = TestData.shared(DatasetName.CIFAR10, Split.TEST);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = test.images(manager);
            assertThat(images.getShape()).isEqualTo(new Shape(test.size(), 3, 32, 32));
            for (int i : new int[] {0, 7, test.size() - 1}) {
                assertThat(images.get(i).toFloatArray()).as("image %d", i).containsExactly(test.pixels(i, i + 1));
            }
        }
    }
}
