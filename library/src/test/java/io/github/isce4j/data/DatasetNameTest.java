package io.github.isce4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetNameTest {

    @Test
    void parsesIdsInAnyCase() {
        assertThat(DatasetName.parse("mnist")).isEqualTo(DatasetName.MNIST);
        assertThat(DatasetName.parse("Fashion-MNIST")).isEqualTo(DatasetName.FASHION_MNIST);
        assertThat(DatasetName.parse("CIFAR10")).isEqualTo(DatasetName.CIFAR10);
        assertThat(DatasetName.parse(" cifar-10 ")).isEqualTo(DatasetName.CIFAR10);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> DatasetName.parse("imagenet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("imagenet")
                .hasMessageContaining("mnist, fashion-mnist, cifar10");
        assertThatThrownBy(() -> DatasetName.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsFoldersAndShapes() {
        assertThat(DatasetName.MNIST.id()).isEqualTo("mnist");
        assertThat(DatasetName.FASHION_MNIST.folder()).isEqualTo("fashion-mnist");
        assertThat(DatasetName.CIFAR10.id()).isEqualTo("cifar10");
        assertThat(DatasetName.CIFAR10.folder()).isEqualTo("cifar-10");
        assertThat(DatasetName.MNIST.channels()).isEqualTo(1);
        assertThat(DatasetName.MNIST.height()).isEqualTo(28);
        assertThat(DatasetName.CIFAR10.channels()).isEqualTo(3);
        assertThat(DatasetName.CIFAR10.width()).isEqualTo(32);
        for (DatasetName d : DatasetName.values()) {
            assertThat(d.numClasses()).isEqualTo(10);
            assertThat(d.classNames()).hasSize(10).doesNotHaveDuplicates();
        }
        assertThat(DatasetName.FASHION_MNIST.classNames().get(9)).isEqualTo("Ankle boot");
        assertThat(DatasetName.CIFAR10.classNames().get(3)).isEqualTo("cat");
    }
}
