package io.github.isce4j.data;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads MNIST-style IDX files (plain or gzip): a big-endian header, then one unsigned byte per
 * pixel or label. Checks every header field so a wrong or damaged file fails with one clear
 * line instead of a garbage dataset.
 */
final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxReader() {}

    /** Images as read: pixel bytes in file order and the file's digest. */
    record Images(int count, byte[] pixels, FileDigest digest) {}

    /** Labels as read: one int per image and the file's digest. */
    record Labels(int[] labels, FileDigest digest) {}

    /**
     * Reads one split of MNIST or Fashion-MNIST.
     *
     * @param files the images file, then the labels file
     */
    static ImageSet read(DatasetName dataset, Split split, List<SourceFile> files) {
        SourceFile imageFile = files.get(0);
        SourceFile labelFile = files.get(1);
        Images images = readImages(imageFile, dataset.height(), dataset.width());
        Labels labels = readLabels(labelFile, dataset.numClasses());
        if (images.count() != labels.labels().length) {
            throw labelFile.error("has " + Fmt.count(labels.labels().length) + " labels but "
                    + imageFile.name() + " has " + Fmt.count(images.count())
                    + " images; the two files do not belong together");
        }
        return new ImageSet(
                dataset,
                split,
                images.pixels(),
                labels.labels(),
                images.count(),
                "",
                List.of(images.digest(), labels.digest()));
    }

    /** Reads and checks an images file of {@code rows x cols} images. */
    static Images readImages(SourceFile file, int rows, int cols) {
        try (SourceStream in = SourceStream.open(file)) {
            ByteBuffer header = header(in, file, IMAGES_HEADER, IMAGES_MAGIC, "IDX images");
            int count = header.getInt(4);
            int r = header.getInt(8);
            int c = header.getInt(12);
            if (r != rows || c != cols) {
                throw file.error("images are " + r + "x" + c + ", expected " + rows + "x" + cols);
            }
            int imageBytes = rows * cols;
            checkCount(file, count, imageBytes, "images");
            long expected = IMAGES_HEADER + (long) count * imageBytes;
            byte[] pixels = payload(in, file, count * imageBytes, expected);
            return new Images(count, pixels, in.finish());
        }
    }

    /** Reads and checks a labels file whose labels must lie in {@code 0 .. classes-1}. */
    static Labels readLabels(SourceFile file, int classes) {
        try (SourceStream in = SourceStream.open(file)) {
            ByteBuffer header = header(in, file, LABELS_HEADER, LABELS_MAGIC, "IDX labels");
            int count = header.getInt(4);
            checkCount(file, count, 1, "labels");
            byte[] bytes = payload(in, file, count, LABELS_HEADER + (long) count);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
                if (labels[i] >= classes) {
                    throw file.error(
                            "label " + labels[i] + " at index " + Fmt.count(i) + " is out of range 0-" + (classes - 1));
                }
            }
            return new Labels(labels, in.finish());
        }
    }

    private static ByteBuffer header(SourceStream in, SourceFile file, int length, int magic, String kind) {
        byte[] bytes = in.read(length, length);
        if (bytes.length < length) {
            throw file.error(
                    "truncated: the header is " + bytes.length + " bytes, expected " + length + " (" + kind + ")");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes); // big-endian, as IDX is
        int found = header.getInt(0);
        if (found != magic) {
            throw file.error("bad magic " + Fmt.hex32(found) + ", expected " + Fmt.hex32(magic) + " (" + kind + ")"
                    + magicHint(found));
        }
        return header;
    }

    private static String magicHint(int found) {
        if (found == IMAGES_MAGIC) {
            return "; it is an images file";
        }
        if (found == LABELS_MAGIC) {
            return "; it is a labels file";
        }
        return "";
    }

    private static void checkCount(SourceFile file, int count, int itemBytes, String what) {
        // Java arrays end a little below 2^31; a larger count is a damaged header anyway
        if (count < 1 || (long) count * itemBytes > Integer.MAX_VALUE - 64) {
            throw file.error("the header says " + Fmt.count(Integer.toUnsignedLong(count)) + " " + what
                    + ", which cannot be right");
        }
    }

    private static byte[] payload(SourceStream in, SourceFile file, int length, long expected) {
        byte[] bytes = in.read(length, expected);
        if (bytes.length < length) {
            throw in.truncated(expected);
        }
        if (!in.atEnd()) {
            throw file.error("longer than its header says: more than " + Fmt.count(expected) + " bytes");
        }
        return bytes;
    }
}
