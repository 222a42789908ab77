package io.github.isce4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local HTTP server on the loopback interface. */
class DownloaderTest {

    private static final List<String> MNIST_FILES = List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private Downloader downloader(String cifarMd5) {
        return new Downloader(
                url("/mnist"),
                url("/fashion/"),
                url("/cifar/" + "c.tar.gz"),
                cifarMd5,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void goodFilesLandUnderTheirNamesAndLoad() throws IOException {
        for (String name : MNIST_FILES) {
            served.put("/mnist/" + name, TestData.embeddedMnistFile(name));
        }
        Path folder = downloader("unused").download(DatasetName.MNIST, dir);
        assertThat(folder).isEqualTo(dir.resolve("mnist"));
        assertThat(listNames(folder)).containsExactlyInAnyOrderElementsOf(MNIST_FILES);
        for (String name : MNIST_FILES) {
            assertThat(Files.readAllBytes(folder.resolve(name))).isEqualTo(TestData.embeddedMnistFile(name));
            if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(name))))
                        .as("%s is readable by all, like every other output", name)
                        .isEqualTo("rw-r--r--");
            }
        }
        ImageSet test = new DataLocator(List.of(dir), false).load(DatasetName.MNIST, Split.TEST);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("train-images-idx3-ubyte.gz: 9.9 MB of 9.9 MB (100%)");

        int before = requests.get();
        downloader("unused").download(DatasetName.MNIST, dir);
        assertThat(requests.get()).as("verified files are not fetched again").isEqualTo(before);
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws IOException {
        byte[] damaged = TestData.embeddedMnistFile("train-images-idx3-ubyte.gz");
        damaged[damaged.length / 2] ^= 1;
        served.put("/mnist/train-images-idx3-ubyte.gz", damaged);
        Throwable t = catchThrowable(() -> downloader("unused").download(DatasetName.MNIST, dir));
        assertThat(t).isInstanceOf(Downloader.Failed.class);
        assertThat(t.getMessage())
                .doesNotContain("\n")
                .contains(
                        "/mnist/train-images-idx3-ubyte.gz",
                        "does not match the published",
                        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609");
        assertThat(listNames(dir.resolve("mnist"))).isEmpty();
    }

    @Test
    void httpErrorIsAFailedDownload() throws IOException {
        Throwable t = catchThrowable(() -> downloader("unused").download(DatasetName.FASHION_MNIST, dir));
        assertThat(t).isInstanceOf(Downloader.Failed.class);
        assertThat(t.getMessage()).contains("HTTP 404", "/fashion/train-images-idx3-ubyte.gz");
        assertThat(listNames(dir.resolve("fashion-mnist"))).isEmpty();
    }

    @Test
    void tarWithAnEntryOutsideTheFolderIsRefused() throws IOException {
        byte[] tar = tarGz(Map.of(
                "cifar-10-batches-bin/batches.meta.txt",
                metaTxt(),
                "cifar-10-batches-bin/../../evil",
                "gotcha".getBytes(StandardCharsets.UTF_8)));
        served.put("/cifar/c.tar.gz", tar);
        Throwable t = catchThrowable(() -> downloader(md5(tar)).download(DatasetName.CIFAR10, dir));
        assertThat(t).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.getMessage()).contains("cifar-10-batches-bin/../../evil", "would be written outside", "refusing");
        assertThat(dir.resolve("evil")).doesNotExist();
        assertThat(listNames(dir)).containsExactly("cifar-10");
        assertThat(listNames(dir.resolve("cifar-10")))
                .as("no tarball, no staging")
                .isEmpty();
    }

    @Test
    void tarWithASymlinkIsRefused() throws IOException {
        Path tar = dir.resolve("links.tar.gz");
        try (TarArchiveOutputStream out =
                new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tar)))) {
            TarArchiveEntry link =
                    new TarArchiveEntry("cifar-10-batches-bin/data_batch_1.bin", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }
        Path target = dir.resolve("out");
        Throwable t = catchThrowable(() -> TarExtractor.extract(tar, target));
        assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a link");
        assertThat(listNames(target)).isEmpty();
    }

    @Test
    void goodTarIsExtractedAndTheTarballRemoved() throws IOException {
        byte[] tar = tarGz(Map.of("cifar-10-batches-bin/batches.meta.txt", metaTxt()));
        served.put("/cifar/c.tar.gz", tar);
        Path folder = downloader(md5(tar)).download(DatasetName.CIFAR10, dir);
        Path meta = folder.resolve("cifar-10-batches-bin/batches.meta.txt");
        assertThat(meta).hasBinaryContent(metaTxt());
        assertThat(listNames(folder)).containsExactly("cifar-10-batches-bin");
        // the batches are not in this small archive, so the data is still missing
        assertThat(new DataLocator(List.of(dir), false)
                        .status(DatasetName.CIFAR10)
                        .state())
                .isEqualTo(DatasetStatus.State.MISSING);
    }

    @Test
    void wrongTarballMd5IsRefusedBeforeExtracting() throws IOException {
        byte[] tar = tarGz(Map.of("cifar-10-batches-bin/batches.meta.txt", metaTxt()));
        served.put("/cifar/c.tar.gz", tar);
        Throwable t = catchThrowable(
                () -> downloader(KnownChecksums.CIFAR10_TARBALL_MD5).download(DatasetName.CIFAR10, dir));
        assertThat(t)
                .isInstanceOf(Downloader.Failed.class)
                .hasMessageContaining("MD5")
                .hasMessageContaining("does not match");
        assertThat(listNames(dir.resolve("cifar-10"))).isEmpty();
    }

    /** The official batches.meta.txt: the ten class names, one per line, then an empty line. */
    private static byte[] metaTxt() {
        String text = String.join("\n", DatasetName.CIFAR10.classNames()) + "\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        // proves the reconstruction is byte-exact, so the test archive holds a real file
        assertThat(KnownChecksums.match(DatasetName.CIFAR10, "batches.meta.txt", sha256(bytes)))
                .isPresent();
        return bytes;
    }

    private static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                out.putArchiveEntry(entry);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> listNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String md5(byte[] bytes) {
        return digest("MD5", bytes);
    }

    private static String sha256(byte[] bytes) {
        return digest("SHA-256", bytes);
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
