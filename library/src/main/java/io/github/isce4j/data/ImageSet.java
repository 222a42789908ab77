package io.github.isce4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.model.Scalar;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One split of a dataset in memory: uint8 pixels in NCHW order and one label per image.
 *
 * <p>Immutable. Pixels stay bytes (a quarter of the memory of floats) and become float32 in
 * [0, 1] only when asked for, as {@code byte / 255f}.
 */
public final class ImageSet {

    private final DatasetName dataset;
    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final Split split;
    // may be longer than size images: first(n) shares the arrays of the full set
    private final byte[] pixels;
    private final int[] labels;
    private final int size;
    private final String note;
    private final List<FileDigest> sources;

    ImageSet(
            DatasetName dataset,
            Split split,
            byte[] pixels,
            int[] labels,
            int size,
            String note,
            List<FileDigest> sources) {
        this(
                dataset,
                dataset.id(),
                dataset.channels(),
                dataset.height(),
                dataset.width(),
                split,
                pixels,
                labels,
                size,
                note,
                sources);
    }

    private ImageSet(
            DatasetName dataset,
            String name,
            int channels,
            int height,
            int width,
            Split split,
            byte[] pixels,
            int[] labels,
            int size,
            String note,
            List<FileDigest> sources) {
        this.dataset = dataset;
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.split = split;
        this.pixels = pixels;
        this.labels = labels;
        this.size = size;
        this.note = note;
        this.sources = List.copyOf(sources);
    }

    /**
     * A labelled image set from the caller's own arrays, e.g. to attack a model on data isce4j
     * does not read itself. The arrays are copied.
     *
     * @param name what results call the set, e.g. "my-digits"
     * @param split whether these are training or test images
     * @param pixels uint8 pixel values (0-255 as unsigned bytes), NCHW order, N·C·H·W of them
     * @param labels one class index >= 0 per image
     * @param channels C
     * @param height H
     * @param width W
     * @return the set; its {@link #sha256()} is the digest of its pixels and labels
     * @throws IllegalArgumentException when the sizes disagree or a label is negative
     */
    public static ImageSet of(
            String name, Split split, byte[] pixels, int[] labels, int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "channels, height and width must be >= 1, got " + channels + "x" + height + "x" + width);
        }
        if (labels.length < 1 || (long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(
                    labels.length + " labels need " + (long) labels.length * channels * height * width
                            + " pixel values of " + channels + "x" + height + "x" + width + ", got "
                            + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + i + " is negative: " + labels[i]);
            }
        }
        byte[] p = pixels.clone();
        int[] l = labels.clone();
        FileDigest digest =
                new FileDigest(name + " (in memory)", "the caller's arrays", p.length + 4L * l.length, sha256(p, l));
        return new ImageSet(null, name, channels, height, width, split, p, l, l.length, "", List.of(digest));
    }

    private static String sha256(byte[] pixels, int[] labels) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(pixels);
            ByteBuffer b = ByteBuffer.allocate(4 * labels.length);
            b.asIntBuffer().put(labels);
            d.update(b);
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return which dataset these images come from, or null for a set made by {@link #of} */
    public DatasetName dataset() {
        return dataset;
    }

    /** @return the dataset's id, or the name given to {@link #of} */
    public String name() {
        return name;
    }

    /** @return training or test images */
    public Split split() {
        return split;
    }

    /** @return the number of images */
    public int size() {
        return size;
    }

    /** @return colour channels per image */
    public int channels() {
        return channels;
    }

    /** @return image height in pixels */
    public int height() {
        return height;
    }

    /** @return image width in pixels */
    public int width() {
        return width;
    }

    /**
     * @param i image index, 0-based in file order
     * @return the label of image {@code i}
     */
    public int label(int i) {
        return labels[Objects.checkIndex(i, size)];
    }

    /** @return a copy of all labels, in file order */
    public int[] labels() {
        return Arrays.copyOf(labels, size);
    }

    /**
     * Pixels of images {@code from} (inclusive) to {@code to} (exclusive) as float32 in [0, 1].
     *
     * @param from first image index, inclusive
     * @param to last image index, exclusive
     * @return {@code (to - from) * C * H * W} values, NCHW, each {@code byte / 255f}
     */
    public float[] pixels(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        int per = imageBytes();
        float[] out = new float[(to - from) * per];
        int offset = from * per;
        for (int k = 0; k < out.length; k++) {
            out[k] = (pixels[offset + k] & 0xff) / 255f;
        }
        return out;
    }

    /**
     * The first {@code n} images in file order (shares memory with this set). Unless
     * {@code n} is the whole set, its {@link #note()} says "first n ... images".
     *
     * @param n how many images
     * @return the subset
     * @throws IllegalArgumentException if {@code n} is not between 1 and {@link #size()}
     */
    public ImageSet first(int n) {
        if (n < 1 || n > size) {
            throw new IllegalArgumentException("cannot take the first " + Fmt.count(n) + " images of "
                    + name + " " + split.word() + ": it has " + Fmt.count(size)
                    + "; use a number from 1 to " + Fmt.count(size));
        }
        if (n == size) {
            return this;
        }
        String subset = "first " + Fmt.count(n) + " " + split.word() + " images";
        return new ImageSet(dataset, name, channels, height, width, split, pixels, labels, n, subset, sources);
    }

    /**
     * @param n how many images at most, >= 1
     * @return the first {@code n} images, or the whole set when it has fewer
     */
    public ImageSet atMost(int n) {
        return first(Math.min(n, size));
    }

    /**
     * All images as one float32 NDArray of shape [N, C, H, W] with values in [0, 1].
     *
     * <p>The bytes go to the engine once as uint8; the conversion to float happens there,
     * so no float copy of the whole set is built on the Java heap.
     *
     * @param manager owns the returned array
     * @return float32 images, shape [N, C, H, W]
     */
    public NDArray images(NDManager manager) {
        Shape shape = new Shape(size, channels(), height(), width());
        ByteBuffer bytes = ByteBuffer.wrap(pixels, 0, size * imageBytes());
        try (NDArray uint8 = manager.create(bytes, shape, DataType.UINT8)) {
            // divi works in place on the new float array: no second float-sized buffer
            return uint8.toType(DataType.FLOAT32, false).divi(Scalar.of(uint8, 255f));
        }
    }

    /**
     * @param manager owns the returned array
     * @return the labels as an int64 NDArray of shape [N]
     */
    public NDArray labelArray(NDManager manager) {
        long[] wide = new long[size];
        for (int i = 0; i < size; i++) {
            wide[i] = labels[i];
        }
        return manager.create(wide);
    }

    /**
     * @return what results on this set must say about it, e.g. "first 1,000 test images";
     *     "" when the set is the complete split
     */
    public String note() {
        return note;
    }

    /**
     * SHA-256 of each file the set was read from, in reading order, as {@code sha256sum}
     * prints them: {@code "<64 hex digits>  <file name>"}.
     *
     * @return one line per source file
     */
    public List<String> sha256() {
        return sources.stream().map(FileDigest::sha256sumLine).toList();
    }

    /** The source files with sizes and digests, for status reports. */
    List<FileDigest> sources() {
        return sources;
    }

    private int imageBytes() {
        return channels() * height() * width();
    }

    /** @return e.g. "ImageSet[mnist test, 10,000 images of 1x28x28]" */
    @Override
    public String toString() {
        String extra = note.isEmpty() ? "" : ", " + note;
        return "ImageSet[" + name + " " + split.word() + ", " + Fmt.count(size) + " images of " + channels() + "x"
                + height() + "x" + width() + extra + "]";
    }
}
