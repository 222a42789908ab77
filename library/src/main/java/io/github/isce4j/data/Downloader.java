package io.github.isce4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Downloads the datasets from their official HTTPS locations, for users who are online.
 *
 * <p>Each file goes to a temporary file in the target folder, its checksum is checked
 * against the published value, and only then is it renamed into place; so an interrupted or
 * damaged download never leaves a file that looks like data. Files already present with the
 * right checksum are not downloaded again.
 */
public final class Downloader {

    /** Official MNIST mirror (the files are the original .gz files). */
    public static final URI MNIST_BASE = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");
    /** Fashion-MNIST in its upstream repository. */
    public static final URI FASHION_MNIST_BASE =
            URI.create("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/");
    /** The official CIFAR-10 binary version. */
    public static final URI CIFAR10_TARBALL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

    private static final List<String> IDX_FILES = List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");
    private static final List<String> CIFAR_FILES = List.of(
            "data_batch_1.bin",
            "data_batch_2.bin",
            "data_batch_3.bin",
            "data_batch_4.bin",
            "data_batch_5.bin",
            "test_batch.bin");
    private static final String SHA256 = "SHA-256";
    private static final String MD5 = "MD5";
    private static final int BUFFER = 1 << 16;

    private final URI mnistBase;
    private final URI fashionMnistBase;
    private final URI cifar10Tarball;
    private final String cifar10Md5;
    private final PrintStream progress;
    private final HttpClient http;

    /** A downloader for the official locations that reports progress on stderr. */
    public Downloader() {
        this(MNIST_BASE, FASHION_MNIST_BASE, CIFAR10_TARBALL, System.err);
    }

    /**
     * A downloader for other locations (a mirror, or a local server in tests).
     *
     * @param mnistBase folder URL holding the four MNIST .gz files
     * @param fashionMnistBase folder URL holding the four Fashion-MNIST .gz files
     * @param cifar10Tarball URL of {@code cifar-10-binary.tar.gz}
     * @param progress where progress lines go
     */
    public Downloader(URI mnistBase, URI fashionMnistBase, URI cifar10Tarball, PrintStream progress) {
        this(mnistBase, fashionMnistBase, cifar10Tarball, KnownChecksums.CIFAR10_TARBALL_MD5, progress);
    }

    /** Also overrides the tarball's MD5, so tests can serve a crafted archive. */
    Downloader(URI mnistBase, URI fashionMnistBase, URI cifar10Tarball, String cifar10Md5, PrintStream progress) {
        this.mnistBase = folderUri(mnistBase);
        this.fashionMnistBase = folderUri(fashionMnistBase);
        this.cifar10Tarball = cifar10Tarball;
        this.cifar10Md5 = cifar10Md5;
        this.progress = progress;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL) // GitHub's raw links redirect
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static URI folderUri(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    /**
     * Downloads a dataset into {@code <dataDir>/<folder()>/}, skipping files already there.
     *
     * @param dataset which dataset
     * @param dataDir the data directory; the dataset's folder is created below it
     * @return the dataset folder
     * @throws Failed if a download fails or a checksum does not match; nothing half-written is
     *     left behind
     * @throws IllegalArgumentException if the data directory cannot be written, or the archive is
     *     unsafe or unreadable
     */
    public Path download(DatasetName dataset, Path dataDir) {
        Path folder = DatasetFiles.datasetFolder(dataDir, dataset);
        createFolder(folder);
        switch (dataset) {
            case MNIST -> downloadIdx(dataset, mnistBase, folder);
            case FASHION_MNIST -> downloadIdx(dataset, fashionMnistBase, folder);
            case CIFAR10 -> downloadCifar(folder);
            default -> throw new IllegalStateException("no download for " + dataset);
        }
        return folder;
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    folder + ": cannot create the folder (" + e
                            + "); check its permissions or choose another data directory",
                    e);
        }
    }

    private void downloadIdx(DatasetName dataset, URI base, Path folder) {
        for (String name : IDX_FILES) {
            String sha = KnownChecksums.officialSha256(dataset, name).orElseThrow();
            Path target = folder.resolve(name);
            if (hasDigest(target, SHA256, sha)) {
                progress.println(target + ": already there, sha256 verified");
                continue;
            }
            fetch(base.resolve(name), target, SHA256, sha);
        }
    }

    private void downloadCifar(Path folder) {
        Path extracted = folder.resolve(DatasetFiles.CIFAR_TAR_FOLDER);
        if (cifarComplete(extracted)) {
            progress.println(extracted + ": already there, sha256 verified");
            return;
        }
        Path tarball = folder.resolve(KnownChecksums.CIFAR10_TARBALL);
        if (!hasDigest(tarball, MD5, cifar10Md5)) {
            fetch(cifar10Tarball, tarball, MD5, cifar10Md5);
        }
        try {
            List<Path> files = TarExtractor.extract(tarball, folder);
            progress.println(folder + ": extracted " + files.size() + " files");
        } finally {
            // the extracted batches are what gets read; an unsafe archive must go too
            deleteQuietly(tarball);
        }
    }

    private static boolean cifarComplete(Path extracted) {
        for (String name : CIFAR_FILES) {
            Optional<String> sha = KnownChecksums.officialSha256(DatasetName.CIFAR10, name);
            if (sha.isEmpty() || !hasDigest(extracted.resolve(name), SHA256, sha.get())) {
                return false;
            }
        }
        return true;
    }

    /** Downloads to a temporary file, checks its digest, then renames it into place. */
    private void fetch(URI uri, Path target, String algorithm, String expected) {
        Path temp = createTemp(target);
        try {
            String actual = receive(uri, target, temp, algorithm);
            if (!actual.equals(expected)) {
                throw new Failed(
                        uri + ": " + algorithm + " " + actual
                                + " does not match the published " + expected + "; the download is "
                                + "damaged or the server sent another file: run the command again, or "
                                + "put the official " + target.getFileName() + " into "
                                + target.getParent() + " by hand",
                        new IOException(algorithm + " mismatch"));
            }
            // same folder, so the file appears complete or not at all
            io.github.isce4j.AtomicFile.readableByAll(temp); // 0644 like every other output, not 0600
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Failed(
                    uri + ": download failed (" + e + "); check your internet "
                            + "connection and run the command again",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IOException interrupted = new InterruptedIOException("download interrupted");
            interrupted.initCause(e);
            throw new Failed(uri + ": download interrupted; run the command again", interrupted);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static Path createTemp(Path target) {
        try {
            return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    target.getParent() + ": cannot write a file there (" + e
                            + "); check its permissions or choose another data directory",
                    e);
        }
    }

    /** Streams the response body into {@code temp}; returns the body's hex digest. */
    private String receive(URI uri, Path target, Path temp, String algorithm) throws IOException, InterruptedException {
        progress.println("downloading " + uri);
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new Failed(
                        uri + ": the server answered HTTP " + response.statusCode()
                                + "; check the address, or put the official " + target.getFileName()
                                + " into " + target.getParent() + " by hand",
                        new IOException("HTTP " + response.statusCode()));
            }
            long length = response.headers().firstValueAsLong("content-length").orElse(-1);
            MessageDigest digest = newDigest(algorithm);
            try (OutputStream out = Files.newOutputStream(temp)) {
                copy(body, out, digest, new Progress(progress, target.getFileName(), length));
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static void copy(InputStream in, OutputStream out, MessageDigest digest, Progress bar) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            digest.update(buffer, 0, n);
            bar.advance(n);
        }
        bar.done();
    }

    /** @return whether {@code file} exists and has the given hex digest */
    private static boolean hasDigest(Path file, String algorithm, String expected) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        MessageDigest digest = newDigest(algorithm);
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            return false; // unreadable: download it again
        }
        return HexFormat.of().formatHex(digest.digest()).equals(expected);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // SHA-256 and MD5 are required of every Java runtime
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("warning: could not remove " + file + " (" + e + ")");
        }
    }

    /** A one-line progress display for large files: bytes so far and percentage. */
    private static final class Progress {

        private static final long LARGE = 1_000_000;
        private static final long STEP_NANOS = 250_000_000L;

        private final PrintStream out;
        private final Path name;
        private final long length;
        private long bytes;
        private long lastPrint;

        Progress(PrintStream out, Path name, long length) {
            this.out = out;
            this.name = name;
            this.length = length;
        }

        void advance(int n) {
            bytes += n;
            long now = System.nanoTime();
            if (isLarge() && now - lastPrint >= STEP_NANOS) {
                lastPrint = now;
                print();
            }
        }

        void done() {
            if (isLarge()) {
                print();
                out.println();
            }
        }

        private boolean isLarge() {
            return length > LARGE || bytes > LARGE;
        }

        private void print() {
            String of = length > 0 ? " of " + Fmt.megabytes(length) + " (" + (100 * bytes / length) + "%)" : "";
            // carriage return: redraw the same line instead of scrolling
            out.print("\r  " + name + ": " + Fmt.megabytes(bytes) + of);
            out.flush();
        }
    }

    /**
     * A download that did not complete: the network or the server failed, or what arrived is
     * not the published file. Nothing half-written is left behind, so running it again may
     * succeed. The message is one line that says what to do.
     */
    public static final class Failed extends UncheckedIOException {

        private static final long serialVersionUID = 1L;

        Failed(String message, IOException cause) {
            super(message, cause);
        }
    }
}
