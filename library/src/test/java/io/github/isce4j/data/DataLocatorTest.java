package io.github.isce4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {

    @TempDir
    Path dir;

    @Test
    void searchOrderIsEnvironmentThenCacheAndAGivenDataDirIsSearchedAlone() {
        assertThat(DataLocator.defaultDirectories(null, "/e", "/home/u"))
                .containsExactly(Path.of("/e"), Path.of("/home/u/.cache/isce4j"));
        assertThat(DataLocator.defaultDirectories(Path.of("/d"), "/e", "/home/u"))
                .containsExactly(Path.of("/d"));
        assertThat(DataLocator.defaultDirectories(null, " ", "/home/u"))
                .containsExactly(Path.of("/home/u/.cache/isce4j"));
        assertThat(new DataLocator(Path.of("/d")).directories()).containsExactly(Path.of("/d"));
        assertThat(new DataLocator(Path.of("/d")).downloadDirectory()).isEqualTo(Path.of("/d"));
    }

    @Test
    void aGivenDataDirThatIsMissingIsAnErrorNotTheEmbeddedCopy() {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> new DataLocator(missing).load(DatasetName.MNIST, Split.TEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.resolve("mnist") + " (no such folder)");
        assertThatThrownBy(() -> new DataLocator(missing).location(DatasetName.MNIST, Split.TRAIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGivenDataDirLackingAFileOrWithAFolderInItsPlaceIsAnError() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Files.write(
                mnist.resolve("t10k-images-idx3-ubyte.gz"), TestData.embeddedMnistFile("t10k-images-idx3-ubyte.gz"));
        assertThatThrownBy(() -> new DataLocator(dir).load(DatasetName.MNIST, Split.TEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing")
                .hasMessageNotContaining("folder, not");
        Files.createDirectories(mnist.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> new DataLocator(dir).load(DatasetName.MNIST, Split.TEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz is a folder, not a file");
    }

    @Test
    void theLocationNamesTheFolderOrTheCopyInsideIsce4j() throws IOException {
        assertThat(new DataLocator(List.of(dir), true).location(DatasetName.MNIST, Split.TEST))
                .isEqualTo("the copy inside isce4j");
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        for (String name : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.write(mnist.resolve(name), TestData.embeddedMnistFile(name));
        }
        assertThat(new DataLocator(dir).location(DatasetName.MNIST, Split.TEST)).isEqualTo(mnist.toString());
    }

    @Test
    void noDirectoryToDownloadInto() {
        assertThatThrownBy(() -> new DataLocator(List.of(), true).downloadDirectory())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no data directory to download into; choose one");
    }

    @Test
    void mnistFallsBackToTheEmbeddedCopy() {
        DataLocator locator = new DataLocator(List.of(dir), true);
        assertThat(locator.locate(DatasetName.MNIST, Split.TEST))
                .get()
                .extracting(DataLocator.Located::where)
                .isEqualTo("the copy inside isce4j");
        assertThat(locator.locate(DatasetName.CIFAR10, Split.TEST)).isEmpty();
    }

    @Test
    void aDirectoryWinsOverTheEmbeddedCopy() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        for (String name : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.write(mnist.resolve(name), TestData.embeddedMnistFile(name));
        }
        DataLocator locator = new DataLocator(List.of(dir), true);
        ImageSet test = locator.load(DatasetName.MNIST, Split.TEST);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(locator.locate(DatasetName.MNIST, Split.TEST))
                .get()
                .extracting(DataLocator.Located::where)
                .isEqualTo(mnist.toString());
        // the training split is not in the directory, so it still comes from the jar
        assertThat(locator.locate(DatasetName.MNIST, Split.TRAIN))
                .get()
                .extracting(DataLocator.Located::where)
                .isEqualTo("the copy inside isce4j");
    }

    @Test
    void plainIdxFilesAreAcceptedToo() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Files.write(
                mnist.resolve("t10k-images-idx3-ubyte"), TestData.embeddedMnistUnzipped("t10k-images-idx3-ubyte.gz"));
        Files.write(
                mnist.resolve("t10k-labels-idx1-ubyte"), TestData.embeddedMnistUnzipped("t10k-labels-idx1-ubyte.gz"));
        ImageSet test = new DataLocator(List.of(dir), false).load(DatasetName.MNIST, Split.TEST);
        assertThat(test.labels()).containsExactly(TestData.mnist(Split.TEST).labels());
        assertThat(test.pixels(0, 10))
                .containsExactly(TestData.mnist(Split.TEST).pixels(0, 10));
        // the decompressed files have published checksums too
        assertThat(test.sha256().get(0)).startsWith("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
    }

    @Test
    void cifarIsFoundInTheTarballLayout() throws IOException {
        TestData.assumeShared(DatasetName.CIFAR10);
        Path source = Path.of(TestData.shared()
                .locate(DatasetName.CIFAR10, Split.TEST)
                .orElseThrow()
                .files()
                .get(0)
                .where());
        Path batches = Files.createDirectories(dir.resolve("cifar-10/cifar-10-batches-bin"));
        Files.copy(source, batches.resolve(source.getFileName()));
        ImageSet test = new DataLocator(List.of(dir), false).load(DatasetName.CIFAR10, Split.TEST);
        assertThat(test.size())
                .isEqualTo(TestData.shared(DatasetName.CIFAR10, Split.TEST).size());
        assertThat(test.labels())
                .containsExactly(
                        TestData.shared(DatasetName.CIFAR10, Split.TEST).labels());
    }

    @Test
    void aCompleteCifarTestBatchWinsOverThePartialOne() throws IOException {
        // only existence matters for choosing files, so empty files do here
        Path folder = Files.createDirectories(dir.resolve("cifar-10"));
        Path batches = Files.createDirectories(folder.resolve("cifar-10-batches-bin"));
        Files.createFile(folder.resolve("test_batch_first1000.bin.gz"));
        Files.createFile(batches.resolve("test_batch.bin"));
        assertThat(DatasetFiles.resolve(dir, DatasetName.CIFAR10, Split.TEST))
                .get()
                .isEqualTo(List.of(batches.resolve("test_batch.bin")));
    }

    @Test
    void theOfficialFormIsPreferredWhenBothAreThere() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        for (String name :
                List.of("train-images-idx3-ubyte", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte")) {
            Files.createFile(mnist.resolve(name));
        }
        assertThat(DatasetFiles.resolve(dir, DatasetName.MNIST, Split.TRAIN))
                .get()
                .isEqualTo(
                        List.of(mnist.resolve("train-images-idx3-ubyte.gz"), mnist.resolve("train-labels-idx1-ubyte")));
        Path cifar = Files.createDirectories(dir.resolve("cifar-10"));
        Files.createFile(cifar.resolve("test_batch.bin.gz"));
        Files.createFile(cifar.resolve("test_batch.bin"));
        assertThat(DatasetFiles.resolve(dir, DatasetName.CIFAR10, Split.TEST))
                .get()
                .isEqualTo(List.of(cifar.resolve("test_batch.bin")));
    }
}
