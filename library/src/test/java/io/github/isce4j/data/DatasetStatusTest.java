package io.github.isce4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isce4j.data.DatasetStatus.Check;
import io.github.isce4j.data.DatasetStatus.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStatusTest {

    @TempDir
    Path dir;

    @Test
    void embeddedMnistIsVerified() {
        DatasetStatus status = TestData.embeddedOnly().status(DatasetName.MNIST);
        assertThat(status.state()).isEqualTo(State.EMBEDDED);
        assertThat(status.usable()).isTrue();
        assertThat(status.location()).isEqualTo("the copy inside isce4j");
        assertThat(status.trainImages()).isEqualTo(60_000);
        assertThat(status.testImages()).isEqualTo(10_000);
        assertThat(status.files())
                .hasSize(4)
                .allSatisfy(f -> assertThat(f.check()).isEqualTo(Check.VERIFIED));
        assertThat(status.files().get(0).bytes()).isEqualTo(9_912_422L);
        assertThat(status.describe())
                .doesNotContain("\n")
                .contains(
                        "mnist: EMBEDDED, the copy inside isce4j",
                        "train-images-idx3-ubyte.gz 9.9 MB",
                        "t10k-labels-idx1-ubyte.gz 4.5 kB",
                        "sha256 verified 4/4 (official)",
                        "60,000 train + 10,000 test images");
    }

    @Test
    void missingDatasetSaysHowToGetIt() {
        DatasetStatus status = new DataLocator(List.of(dir), false).status(DatasetName.CIFAR10);
        assertThat(status.state()).isEqualTo(State.MISSING);
        assertThat(status.usable()).isFalse();
        assertThat(status.describe()).startsWith("cifar10: MISSING; ").contains("isce data download cifar10");
    }

    @Test
    void corruptFileIsReportedWithItsReason() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        byte[] images = TestData.embeddedMnistFile("t10k-images-idx3-ubyte.gz");
        Files.write(mnist.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(images, 5_000));
        Files.write(
                mnist.resolve("t10k-labels-idx1-ubyte.gz"), TestData.embeddedMnistFile("t10k-labels-idx1-ubyte.gz"));
        DatasetStatus status = new DataLocator(List.of(dir), false).status(DatasetName.MNIST);
        assertThat(status.state()).isEqualTo(State.CORRUPT);
        assertThat(status.problem()).contains("t10k-images-idx3-ubyte.gz", "truncated gzip");
        assertThat(status.files())
                .extracting(DatasetStatus.FileInfo::check)
                .containsExactly(Check.MISMATCH, Check.VERIFIED);
        assertThat(status.describe()).contains("CORRUPT", "MISMATCH: t10k-images-idx3-ubyte.gz", "problem: ");
    }

    @Test
    void readableButRepackedFileIsAMismatchNotCorrupt() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Files.write(
                mnist.resolve("t10k-images-idx3-ubyte.gz"), TestData.embeddedMnistFile("t10k-images-idx3-ubyte.gz"));
        // same labels, compressed by Java instead of the original gzip
        Files.write(
                mnist.resolve("t10k-labels-idx1-ubyte.gz"),
                TestData.gzip(TestData.embeddedMnistUnzipped("t10k-labels-idx1-ubyte.gz")));
        DatasetStatus status = new DataLocator(List.of(dir), false).status(DatasetName.MNIST);
        // the training split is not in this folder
        assertThat(status.state()).isEqualTo(State.INCOMPLETE);
        assertThat(status.testImages()).isEqualTo(10_000);
        assertThat(status.problem()).contains("MNIST training data not found");
        assertThat(status.files())
                .extracting(DatasetStatus.FileInfo::check)
                .containsExactly(Check.VERIFIED, Check.MISMATCH);
        assertThat(status.describe()).contains("sha256 verified 1/2", "MISMATCH: t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void sharedDataVerifies() {
        TestData.assumeShared(DatasetName.FASHION_MNIST);
        TestData.assumeShared(DatasetName.CIFAR10);
        List<DatasetStatus> all = DatasetStatus.verifyAll(TestData.shared());
        assertThat(all).extracting(DatasetStatus::dataset).containsExactly(DatasetName.values());
        DatasetStatus fashion = all.get(1);
        assertThat(fashion.state()).isEqualTo(State.FOUND);
        assertThat(fashion.files())
                .hasSize(4)
                .allSatisfy(f -> assertThat(f.check()).isEqualTo(Check.VERIFIED));
        DatasetStatus cifar = all.get(2);
        assertThat(cifar.state()).isEqualTo(State.FOUND);
        assertThat(cifar.files())
                .hasSize(6)
                .allSatisfy(f -> assertThat(f.check()).isEqualTo(Check.VERIFIED));
        assertThat(cifar.trainImages()).isEqualTo(50_000);
        if (cifar.testImages() == 1_000) {
            assertThat(cifar.note()).isEqualTo("test: first 1,000 test images");
            assertThat(cifar.describe()).contains("note: test: first 1,000 test images");
        }
        all.forEach(s -> System.out.println(s.describe()));
    }
}
