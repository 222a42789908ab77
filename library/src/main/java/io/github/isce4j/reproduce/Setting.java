package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;
import java.util.List;

/**
 * One network on one dataset, as the paper runs them.
 *
 * @param network the architecture
 * @param dataset its dataset
 */
record Setting(Architecture network, DatasetName dataset) {

    /** ResNet-32 on MNIST (Tables 1 and 3, Figs. 3 to 5, 8, 9). */
    static final Setting RESNET_MNIST = new Setting(Architecture.RESNET32, DatasetName.MNIST);
    /** ResNet-32 on CIFAR-10 (Tables 2 and 3, Figs. 4, 6 to 9). */
    static final Setting RESNET_CIFAR = new Setting(Architecture.RESNET32, DatasetName.CIFAR10);
    /** LeNet-5 on MNIST (Figs. 10, 12). */
    static final Setting LENET_MNIST = new Setting(Architecture.LENET5, DatasetName.MNIST);
    /** CNN-8 on CIFAR-10 (Figs. 11, 12). */
    static final Setting CNN_CIFAR = new Setting(Architecture.CNN8, DatasetName.CIFAR10);

    /** The networks and datasets the paper runs, in its order. */
    static final List<Setting> ALL = List.of(RESNET_MNIST, RESNET_CIFAR, LENET_MNIST, CNN_CIFAR);

    @Override
    public String toString() {
        return Names.network(network) + " on " + Names.dataset(dataset);
    }
}
