package io.github.isce4j.cli;

import io.github.isce4j.data.DataLocator;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --data-dir} option shared by every command that reads a dataset. */
final class DataOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets live (DIR/mnist, DIR/fashion-mnist, DIR/cifar-10). "
                    + "Otherwise $ISCE4J_DATA, then ~/.cache/isce4j; MNIST also ships inside isce4j.")
    Path dataDir;

    DataLocator locator() {
        return new DataLocator(dataDir);
    }
}
