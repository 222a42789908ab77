package io.github.isce4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR-10 binary batches (plain or gzip): records of one label byte and 3,072 pixel
 * bytes, the red, green and blue 32x32 planes in that order, which is already NCHW.
 */
final class CifarReader {

    /** Pixel bytes of one image. */
    static final int IMAGE_BYTES = 3 * 32 * 32;
    /** Bytes of one record: the label byte, then the pixels. */
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    /** File name prefix of the partial test batch shipped in the shared data. */
    static final String PARTIAL_TEST = "test_batch_first";

    // an official batch has 10,000 records; reading stops well past that so a damaged or
    // wrong file cannot exhaust memory
    private static final int MAX_RECORDS_PER_FILE = 60_000;

    private CifarReader() {}

    /** One batch file as read: its raw records and its digest. */
    record Batch(byte[] records, FileDigest digest) {
        int count() {
            return records.length / RECORD_BYTES;
        }
    }

    /** Reads the given batch files, in order, into one set. */
    static ImageSet read(DatasetName dataset, Split split, List<SourceFile> files) {
        // inflating dominates the load time and each file is independent: use all cores
        List<Batch> batches = new ArrayList<>(files.parallelStream()
                .map(file -> readBatch(file, dataset.numClasses()))
                .toList());
        long total = batches.stream().mapToLong(Batch::count).sum();
        int n = Math.toIntExact(total);
        byte[] pixels = new byte[Math.multiplyExact(n, IMAGE_BYTES)];
        int[] labels = new int[n];
        List<FileDigest> digests = new ArrayList<>();
        int next = 0;
        for (int b = 0; b < batches.size(); b++) {
            Batch batch = batches.set(b, null); // let each raw batch go once copied
            next = unpack(batch, pixels, labels, next);
            digests.add(batch.digest());
        }
        return new ImageSet(dataset, split, pixels, labels, n, note(split, files, n), digests);
    }

    /** The honest note for a partial test set; "" for complete sets. */
    private static String note(Split split, List<SourceFile> files, int n) {
        boolean partial = split == Split.TEST && files.get(0).name().startsWith(PARTIAL_TEST);
        return partial ? "first " + Fmt.count(n) + " test images" : "";
    }

    private static int unpack(Batch batch, byte[] pixels, int[] labels, int first) {
        byte[] records = batch.records();
        int count = batch.count();
        for (int i = 0; i < count; i++) {
            int at = i * RECORD_BYTES;
            labels[first + i] = records[at] & 0xff;
            System.arraycopy(records, at + 1, pixels, (first + i) * IMAGE_BYTES, IMAGE_BYTES);
        }
        return first + count;
    }

    /** Reads one batch file and checks its length and labels. */
    static Batch readBatch(SourceFile file, int classes) {
        try (SourceStream in = SourceStream.open(file)) {
            int limit = MAX_RECORDS_PER_FILE * RECORD_BYTES;
            byte[] records = in.read(limit + 1, -1);
            if (records.length > limit) {
                throw file.error(
                        "more than " + Fmt.count(MAX_RECORDS_PER_FILE) + " records; a CIFAR-10 batch has 10,000");
            }
            if (records.length == 0 || records.length % RECORD_BYTES != 0) {
                throw file.error("length " + Fmt.count(records.length) + " bytes"
                        + (in.gzip() ? " (uncompressed)" : "")
                        + " is not a positive multiple of 3,073 (one CIFAR-10 record),"
                        + " so it is truncated or not a CIFAR-10 batch");
            }
            checkLabels(file, records, classes);
            return new Batch(records, in.finish());
        }
    }

    private static void checkLabels(SourceFile file, byte[] records, int classes) {
        for (int i = 0; i < records.length / RECORD_BYTES; i++) {
            int label = records[i * RECORD_BYTES] & 0xff;
            if (label >= classes) {
                throw file.error(
                        "label " + label + " in record " + Fmt.count(i) + " is out of range 0-" + (classes - 1));
            }
        }
    }
}
