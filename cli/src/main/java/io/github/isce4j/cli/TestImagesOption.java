package io.github.isce4j.cli;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import picocli.CommandLine.Option;

/**
 * The {@code --n} and {@code --batch-size} options of every command that works through the first
 * N test images in batches (eval, attack, sanity, embed, bench attack). Each command passes its
 * own default N; the help shows it.
 */
final class TestImagesOption {

    @Option(
            names = "--n",
            paramLabel = "N",
            description = "Use the first N test images in file order; 0 = all of them (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--batch-size", paramLabel = "B", description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = 500;

    /** @param n the command's default number of test images, 0 for all */
    TestImagesOption(int n) {
        this.n = n;
    }

    /**
     * Refuses bad values; commands call it first, before anything is read or written.
     *
     * @return this
     */
    TestImagesOption check() {
        if (n < 0) {
            throw new UserError("--n must be >= 0 (0 = all test images), got " + n);
        }
        if (batchSize < 1) {
            throw new UserError("--batch-size must be >= 1, got " + batchSize);
        }
        return this;
    }

    /** @return the first N test images of the dataset (all for N = 0), saying on standard output where they came from */
    ImageSet load(DataOptions data, DatasetName dataset) {
        return data.testImages(dataset, n > 0 ? n : Integer.MAX_VALUE);
    }
}
