package io.github.isce4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three image datasets the project knows: their names, shapes and class names. */
public enum DatasetName {
    /** Handwritten digits, 28x28 grey. */
    MNIST("mnist", "mnist", "MNIST", 1, 28, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    /** Zalando's clothing images, 28x28 grey, a drop-in replacement for MNIST. */
    FASHION_MNIST(
            "fashion-mnist",
            "fashion-mnist",
            "Fashion-MNIST",
            1,
            28,
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot")),
    /** Small natural colour images, 32x32 RGB (the binary version). */
    CIFAR10(
            "cifar10",
            "cifar-10",
            "CIFAR-10",
            3,
            32,
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"));

    private final String id;
    private final String folder;
    private final String title;
    private final int channels;
    private final int side;
    private final List<String> classNames;

    DatasetName(String id, String folder, String title, int channels, int side, List<String> classNames) {
        this.id = id;
        this.folder = folder;
        this.title = title;
        this.channels = channels;
        this.side = side;
        this.classNames = classNames;
    }

    /** @return the name used on the command line, e.g. {@code fashion-mnist} */
    public String id() {
        return id;
    }

    /** @return the folder the dataset lives in below a data directory, e.g. {@code cifar-10} */
    public String folder() {
        return folder;
    }

    /** @return the number of colour channels of one image (1 or 3) */
    public int channels() {
        return channels;
    }

    /** @return image height in pixels */
    public int height() {
        return side;
    }

    /** @return image width in pixels */
    public int width() {
        return side;
    }

    /** @return the number of classes (10 for all three datasets) */
    public int numClasses() {
        return classNames.size();
    }

    /** @return the class names, indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @return the per-channel mean of the training images in [0, 1] units (the values every
     *     PyTorch example normalises with; the data tests recompute them)
     */
    public float[] channelMean() {
        return switch (this) {
            case MNIST -> new float[] {0.1307f};
            case FASHION_MNIST -> new float[] {0.2860f};
            case CIFAR10 -> new float[] {0.4914f, 0.4822f, 0.4465f};
        };
    }

    /** @return the per-channel standard deviation of the training images in [0, 1] units */
    public float[] channelStd() {
        return switch (this) {
            case MNIST -> new float[] {0.3081f};
            case FASHION_MNIST -> new float[] {0.3530f};
            case CIFAR10 -> new float[] {0.2470f, 0.2435f, 0.2616f};
        };
    }

    /** The dataset's usual spelling in prose, e.g. "Fashion-MNIST"; used in messages. */
    String title() {
        return title;
    }

    /**
     * Parses a dataset name as typed by a user.
     *
     * <p>Accepts the ids ({@code mnist}, {@code fashion-mnist}, {@code cifar10}) in any case;
     * also the folder names and the enum constant names, because users type those too.
     *
     * @param text the name to parse
     * @return the dataset
     * @throws IllegalArgumentException if the name is not one of the three datasets
     */
    public static DatasetName parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (DatasetName d : values()) {
            if (wanted.equals(d.id)
                    || wanted.equals(d.folder)
                    || wanted.equals(d.name().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + text + "'; use one of: " + validIds());
    }

    private static String validIds() {
        return Arrays.stream(values()).map(DatasetName::id).collect(Collectors.joining(", "));
    }
}
