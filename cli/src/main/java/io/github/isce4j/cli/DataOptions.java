package io.github.isce4j.cli;

import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by every command that reads a dataset. */
final class DataOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where datasets live (DIR/mnist, DIR/fashion-mnist, DIR/cifar-10). "
                    + "Otherwise $ISCE4J_DATA, then ~/.cache/isce4j; MNIST also ships inside isce4j.")
    Path dataDir;

    @Option(
            names = "--allow-unverified-data",
            description = "Use data files whose SHA-256 is not the published one (`isce data verify` lists them); "
                    + "without it they are refused, so that no result is computed on the wrong data.")
    boolean allowUnverified;

    /** @return where the datasets are; it refuses unverified files unless --allow-unverified-data was given */
    DataLocator locator() {
        DataLocator locator = new DataLocator(dataDir);
        return allowUnverified ? locator : locator.requireVerified("pass --allow-unverified-data to use it anyway");
    }

    /**
     * Loads the test images and says on standard output where they came from, so a result can
     * always be traced to its data.
     *
     * @return the first {@code n} test images of the dataset in file order, or all when it has fewer
     */
    ImageSet testImages(DatasetName dataset, int n) {
        DataLocator locator = locator();
        ImageSet test = locator.load(dataset, Split.TEST).atMost(n);
        System.out.println("data: " + dataset.id() + " test images from " + locator.location(dataset, Split.TEST));
        return test;
    }

    /**
     * Says on standard output, in one line, where the splits of each dataset are read from, as
     * training does: "data: mnist training images from DIR, test images from DIR; cifar10 ...".
     * Prints nothing for no datasets.
     *
     * @param locator where the datasets are found
     * @param datasets the datasets a command reads, each present
     * @param splits the splits it reads of each
     */
    static void printSources(DataLocator locator, Collection<DatasetName> datasets, Split... splits) {
        List<String> sources = new ArrayList<>();
        for (DatasetName d : datasets) {
            List<String> parts = new ArrayList<>();
            for (Split split : splits) {
                parts.add(split.word() + " images from " + locator.location(d, split));
            }
            sources.add(d.id() + " " + String.join(", ", parts));
        }
        if (!sources.isEmpty()) {
            System.out.println("data: " + String.join("; ", sources));
        }
    }
}
