package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;

/** How the report names networks and datasets, as the paper does. */
final class Names {

    private Names() {}

    static String network(Architecture a) {
        return switch (a) {
            case LENET5 -> "LeNet-5";
            case CNN8 -> "CNN-8";
            case RESNET32 -> "ResNet-32";
        };
    }

    static String dataset(DatasetName d) {
        return switch (d) {
            case MNIST -> "MNIST";
            case FASHION_MNIST -> "Fashion-MNIST";
            case CIFAR10 -> "CIFAR-10";
        };
    }
}
