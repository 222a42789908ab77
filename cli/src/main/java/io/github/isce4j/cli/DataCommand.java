package io.github.isce4j.cli;

import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.DatasetStatus;
import io.github.isce4j.data.Downloader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code isce data}: check and fetch datasets. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = {"Check and download datasets.", "MNIST, Fashion-MNIST and CIFAR-10 (binary version).", ""},
        subcommands = {DataCommand.Verify.class, DataCommand.Download.class})
final class DataCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code isce data verify}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Print each dataset's state: where it was found, its files and sizes, whether their",
                "sha256 matches the published one, image counts. Exit code 0 when MNIST is usable.",
                ""
            })
    static final class Verify implements Callable<Integer> {

        @Mixin
        DataOptions data;

        @Override
        public Integer call() {
            DataLocator locator = data.locator();
            System.out.println("searching: " + locator.directories()
                    + (data.dataDir == null
                            ? " (then the MNIST copy inside isce4j)"
                            : " only, as --data-dir was given"));
            List<DatasetStatus> all = DatasetStatus.verifyAll(locator);
            all.forEach(s -> System.out.println(s.describe()));
            return all.get(0).usable() ? 0 : Main.BAD_INPUT;
        }
    }

    /** {@code isce data download}. */
    @Command(
            name = "download",
            mixinStandardHelpOptions = true,
            description = {
                "Download a dataset over HTTPS from its official location, check its checksum, and",
                "store it in the first data directory (--data-dir, else $ISCE4J_DATA, else ~/.cache/isce4j).",
                ""
            })
    static final class Download implements Callable<Integer> {

        @Parameters(paramLabel = "DATASET", description = "mnist, fashion-mnist or cifar10.")
        String dataset;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() {
            Path folder = new Downloader()
                    .download(DatasetName.parse(dataset), data.locator().downloadDirectory());
            System.out.println("ready: " + folder);
            return 0;
        }
    }
}
