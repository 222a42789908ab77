package io.github.isce4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Published checksums of the dataset files, as documented in the project's data READMEs.
 *
 * <p>A file name can have several known values: the official file, its decompressed or
 * compressed form, and the byte-exact repackagings the project documents. Each value says
 * which one it is, so a status report can tell the user exactly what matched.
 */
public final class KnownChecksums {

    /** File name of the official CIFAR-10 binary tarball. */
    public static final String CIFAR10_TARBALL = "cifar-10-binary.tar.gz";

    /** MD5 of the official CIFAR-10 binary tarball (no SHA-256 is published for it). */
    public static final String CIFAR10_TARBALL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

    /**
     * One known checksum.
     *
     * @param dataset the dataset the file belongs to
     * @param fileName the file name as distributed
     * @param sha256 lower-case hex SHA-256
     * @param origin what the file is, e.g. "official"
     */
    public record Known(DatasetName dataset, String fileName, String sha256, String origin) {}

    private static final String OFFICIAL = "official";
    private static final String OFFICIAL_UNZIPPED = "official, decompressed";
    private static final String SHARED_GZIP = "official .bin packed with gzip -9 -n";
    private static final String DEBIAN = "Debian package dataset-fashion-mnist";

    private static final List<Known> ALL = List.copyOf(table());

    private KnownChecksums() {}

    private static List<Known> table() {
        List<Known> t = new ArrayList<>();
        addMnist(t);
        addFashionMnist(t);
        addCifar10(t);
        return t;
    }

    private static void addMnist(List<Known> t) {
        DatasetName d = DatasetName.MNIST;
        t.add(new Known(
                d,
                "train-images-idx3-ubyte.gz",
                "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                OFFICIAL));
        t.add(new Known(
                d,
                "train-labels-idx1-ubyte.gz",
                "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                OFFICIAL));
        t.add(new Known(
                d,
                "t10k-images-idx3-ubyte.gz",
                "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                OFFICIAL));
        t.add(new Known(
                d,
                "t10k-labels-idx1-ubyte.gz",
                "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                OFFICIAL));
        t.add(new Known(
                d,
                "train-images-idx3-ubyte",
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                OFFICIAL_UNZIPPED));
        t.add(new Known(
                d,
                "train-labels-idx1-ubyte",
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                OFFICIAL_UNZIPPED));
        t.add(new Known(
                d,
                "t10k-images-idx3-ubyte",
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                OFFICIAL_UNZIPPED));
        t.add(new Known(
                d,
                "t10k-labels-idx1-ubyte",
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
                OFFICIAL_UNZIPPED));
    }

    private static void addFashionMnist(List<Known> t) {
        DatasetName d = DatasetName.FASHION_MNIST;
        t.add(new Known(
                d,
                "train-images-idx3-ubyte.gz",
                "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                OFFICIAL));
        t.add(new Known(
                d,
                "train-labels-idx1-ubyte.gz",
                "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                OFFICIAL));
        t.add(new Known(
                d,
                "t10k-images-idx3-ubyte.gz",
                "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                OFFICIAL));
        t.add(new Known(
                d,
                "t10k-labels-idx1-ubyte.gz",
                "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                OFFICIAL));
        t.add(new Known(
                d,
                "train-images-idx3-ubyte",
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                OFFICIAL_UNZIPPED));
        t.add(new Known(
                d,
                "train-labels-idx1-ubyte",
                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                OFFICIAL_UNZIPPED));
        t.add(new Known(
                d,
                "t10k-images-idx3-ubyte",
                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                OFFICIAL_UNZIPPED));
        t.add(new Known(
                d,
                "t10k-labels-idx1-ubyte",
                "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
                OFFICIAL_UNZIPPED));
        // Debian rewrote only the gzip headers; the image data inside is the official one
        t.add(new Known(
                d,
                "train-images-idx3-ubyte.gz",
                "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                DEBIAN));
        t.add(new Known(
                d,
                "train-labels-idx1-ubyte.gz",
                "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
                DEBIAN));
        t.add(new Known(
                d,
                "t10k-images-idx3-ubyte.gz",
                "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                DEBIAN));
        t.add(new Known(
                d,
                "t10k-labels-idx1-ubyte.gz",
                "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
                DEBIAN));
    }

    private static void addCifar10(List<Known> t) {
        DatasetName d = DatasetName.CIFAR10;
        String[] bin = {
            "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5",
            "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed",
            "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67",
            "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48",
            "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add",
        };
        String[] gz = {
            "6fcee3c4b6ea120cf82b263e2e9fe932e7edf7daf530e8b8ed62c178f70910c6",
            "fdda9af5bfc1ff90c0018a3c997cc37619077ae8e4e7f1238323a8259607add2",
            "6cfabbc0ca93a74e247cf16f68544c0b2162576f7e2aa8d8e5d73778cbdfe628",
            "361042113c9a826b76ab9f91d499ae3102fd43ece9af030844a33b4d801c2743",
            "4c618c86d699c20baa688bcbc1ca629a1c2e9bbe7647d66c2e6869b025174b12",
        };
        for (int i = 0; i < bin.length; i++) {
            String name = "data_batch_" + (i + 1) + ".bin";
            t.add(new Known(d, name, bin[i], OFFICIAL));
            t.add(new Known(d, name + ".gz", gz[i], SHARED_GZIP));
        }
        t.add(new Known(
                d, "test_batch.bin", "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b", OFFICIAL));
        t.add(new Known(
                d,
                "test_batch_first1000.bin",
                "8314c96d7cd65618193bab23acdd5d4c4af15bf6dd00a1781d55beedf3be1ef5",
                "first 1,000 records of the official test_batch.bin"));
        t.add(new Known(
                d,
                "test_batch_first1000.bin.gz",
                "3d5e72c2623a79c57b916d8669b4cba52fa2984d04cb8cd7d256902adc743432",
                "first 1,000 official test records packed with gzip -9 -n"));
        t.add(new Known(
                d, "batches.meta.txt", "558e74b5e208382e186da55784b4bac2cd52e558448e1b5800990fdb28ed8033", OFFICIAL));
    }

    /** @return every known checksum */
    public static List<Known> all() {
        return ALL;
    }

    /**
     * @param dataset the dataset
     * @param fileName a file name as distributed, e.g. {@code data_batch_1.bin}
     * @return the known checksums for that file name (empty if none is published)
     */
    public static List<Known> forFile(DatasetName dataset, String fileName) {
        return ALL.stream()
                .filter(k -> k.dataset() == dataset && k.fileName().equals(fileName))
                .toList();
    }

    /**
     * @param dataset the dataset
     * @param fileName the file name
     * @param sha256 the file's SHA-256 in hex (either case)
     * @return the matching known checksum, if the file is one of the documented ones
     */
    public static Optional<Known> match(DatasetName dataset, String fileName, String sha256) {
        String wanted = sha256.toLowerCase(Locale.ROOT);
        return forFile(dataset, fileName).stream()
                .filter(k -> k.sha256().equals(wanted))
                .findFirst();
    }

    /**
     * @param dataset MNIST or Fashion-MNIST
     * @param fileName the name of an official {@code .gz} file
     * @return the official SHA-256 the downloader insists on
     */
    static Optional<String> officialSha256(DatasetName dataset, String fileName) {
        return forFile(dataset, fileName).stream()
                .filter(k -> k.origin().equals(OFFICIAL))
                .map(Known::sha256)
                .findFirst();
    }
}
