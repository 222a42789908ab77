package io.github.isce4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and wrong files: each must fail with one IllegalArgumentException line that names the file, says
 * what is wrong and what to do; never another exception type. The bad files are the real test
 * files with one defect each.
 */
class ReaderErrorTest {

    private static final String IMAGES_GZ = "t10k-images-idx3-ubyte.gz";
    private static final String LABELS_GZ = "t10k-labels-idx1-ubyte.gz";
    private static final String IMAGES = "t10k-images-idx3-ubyte";
    private static final String LABELS = "t10k-labels-idx1-ubyte";

    @TempDir
    Path dir;

    @Test
    void truncatedGzip() throws IOException {
        byte[] images = TestData.embeddedMnistFile(IMAGES_GZ);
        write(IMAGES_GZ, Arrays.copyOf(images, 1_000));
        write(LABELS_GZ, TestData.embeddedMnistFile(LABELS_GZ));
        assertFails(IMAGES_GZ, "truncated gzip file", "of the 7,840,016 expected");
    }

    @Test
    void wrongMagic() throws IOException {
        write(IMAGES_GZ, TestData.embeddedMnistFile(LABELS_GZ)); // a labels file in its place
        write(LABELS_GZ, TestData.embeddedMnistFile(LABELS_GZ));
        assertFails(IMAGES_GZ, "bad magic 0x00000801, expected 0x00000803 (IDX images); it is a labels file");
    }

    @Test
    void notGzip() throws IOException {
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        write(LABELS_GZ, "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8));
        assertFails(LABELS_GZ, "not a gzip file", "HTML page");
    }

    @Test
    void shortHeader() throws IOException {
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        write(LABELS, new byte[] {0, 0, 8});
        assertFails(LABELS, "truncated: the header is 3 bytes, expected 8 (IDX labels)");
    }

    @Test
    void emptyFile() throws IOException {
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        write(LABELS, new byte[0]);
        assertFails(LABELS, "empty file");
    }

    @Test
    void truncatedPayload() throws IOException {
        byte[] images = TestData.embeddedMnistUnzipped(IMAGES_GZ);
        write(IMAGES, Arrays.copyOf(images, 1_024));
        write(LABELS_GZ, TestData.embeddedMnistFile(LABELS_GZ));
        assertFails(IMAGES, "truncated: expected 7,840,016 bytes, got 1,024");
    }

    @Test
    void completeGzipOfATruncatedFile() throws IOException {
        byte[] images = TestData.embeddedMnistUnzipped(IMAGES_GZ);
        write(IMAGES_GZ, TestData.gzip(Arrays.copyOf(images, 1_024)));
        write(LABELS_GZ, TestData.embeddedMnistFile(LABELS_GZ));
        assertFails(IMAGES_GZ, "truncated: expected 7,840,016 uncompressed bytes, got 1,024");
    }

    @Test
    void corruptGzipTrailer() throws IOException {
        byte[] labels = TestData.embeddedMnistFile(LABELS_GZ);
        labels[labels.length - 6] ^= 0x55; // inside the CRC-32 of the trailer
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        write(LABELS_GZ, labels);
        assertFails(LABELS_GZ, "corrupt gzip data");
    }

    @Test
    void labelOutOfRange() throws IOException {
        byte[] labels = TestData.embeddedMnistUnzipped(LABELS_GZ);
        labels[8 + 345] = 12;
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        write(LABELS, labels);
        assertFails(LABELS, "label 12 at index 345 is out of range 0-9");
    }

    @Test
    void imageAndLabelCountsDiffer() throws IOException {
        byte[] labels = Arrays.copyOf(TestData.embeddedMnistUnzipped(LABELS_GZ), 8 + 5_000);
        ByteBuffer.wrap(labels).putInt(4, 5_000);
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        write(LABELS, labels);
        assertFails(LABELS, "has 5,000 labels but t10k-images-idx3-ubyte.gz has 10,000 images");
    }

    @Test
    void wrongDimensions() throws IOException {
        byte[] images = TestData.embeddedMnistUnzipped(IMAGES_GZ);
        ByteBuffer.wrap(images).putInt(8, 32);
        write(IMAGES, images);
        write(LABELS_GZ, TestData.embeddedMnistFile(LABELS_GZ));
        assertFails(IMAGES, "images are 32x28, expected 28x28");
    }

    @Test
    void absurdCount() throws IOException {
        byte[] labels = TestData.embeddedMnistUnzipped(LABELS_GZ);
        ByteBuffer.wrap(labels).putInt(4, -1);
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        write(LABELS, labels);
        assertFails(LABELS, "the header says 4,294,967,295 labels, which cannot be right");
    }

    @Test
    void trailingData() throws IOException {
        byte[] labels = TestData.embeddedMnistUnzipped(LABELS_GZ);
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        write(LABELS, Arrays.copyOf(labels, labels.length + 10));
        assertFails(LABELS, "longer than its header says");
    }

    @Test
    void cifarLengthNotAMultipleOfTheRecord() throws IOException {
        Path file = cifarTestFile(new byte[2 * 3073 + 5]);
        IllegalArgumentException e = loadFails(DatasetName.CIFAR10);
        assertMessage(e, file.toString(), "length 6,151 bytes is not a positive multiple of 3,073");
    }

    @Test
    void cifarLabelOutOfRange() throws IOException {
        byte[] records = new byte[2 * 3073];
        records[3073] = 10;
        Path file = cifarTestFile(TestData.gzip(records));
        IllegalArgumentException e = loadFails(DatasetName.CIFAR10);
        assertMessage(e, file.toString(), "label 10 in record 1 is out of range 0-9", "isce data download cifar10");
    }

    @Test
    void missingDatasetSaysWhereItLookedAndWhatToDo() {
        IllegalArgumentException e = (IllegalArgumentException)
                catchThrowable(() -> new DataLocator(List.of(dir), false).load(DatasetName.FASHION_MNIST, Split.TRAIN));
        assertMessage(
                e,
                "Fashion-MNIST training data not found",
                dir.resolve("fashion-mnist") + " (no such folder)",
                "isce data download fashion-mnist",
                "point the data directory");
    }

    @Test
    void incompleteFolderNamesTheMissingFiles() throws IOException {
        write(IMAGES_GZ, TestData.embeddedMnistFile(IMAGES_GZ));
        IllegalArgumentException e = loadFails(DatasetName.MNIST);
        assertMessage(e, "MNIST test data not found", dir.resolve("mnist") + " (missing t10k-labels-idx1-ubyte[.gz])");
    }

    private Path cifarTestFile(byte[] bytes) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cifar-10"));
        String name = bytes.length > 1 && bytes[0] == 0x1f ? "test_batch.bin.gz" : "test_batch.bin";
        return Files.write(folder.resolve(name), bytes);
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir.resolve("mnist"));
        Files.write(dir.resolve("mnist").resolve(name), bytes);
    }

    private void assertFails(String fileName, String... fragments) {
        IllegalArgumentException e = loadFails(DatasetName.MNIST);
        String[] all = Arrays.copyOf(fragments, fragments.length + 2);
        all[fragments.length] = dir.resolve("mnist").resolve(fileName).toString();
        all[fragments.length + 1] = "delete it and run `isce data download mnist`";
        assertMessage(e, all);
    }

    private IllegalArgumentException loadFails(DatasetName dataset) {
        Throwable t = catchThrowable(() -> new DataLocator(List.of(dir), false).load(dataset, Split.TEST));
        assertThat(t).isInstanceOf(IllegalArgumentException.class);
        return (IllegalArgumentException) t;
    }

    private static void assertMessage(IllegalArgumentException e, String... fragments) {
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").contains(fragments);
    }
}
