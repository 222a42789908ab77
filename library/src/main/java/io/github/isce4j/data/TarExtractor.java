package io.github.isce4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a .tar.gz into a folder, safely: nothing is written outside the folder, links and
 * special files are refused, and the folder changes only after the whole archive unpacked
 * cleanly (it is unpacked into a hidden staging folder first).
 */
final class TarExtractor {

    private TarExtractor() {}

    /**
     * Extracts every entry of {@code tarGz} below {@code target}.
     *
     * @return the extracted regular files, as paths below {@code target}
     * @throws IllegalArgumentException if an entry would land outside {@code target}, is a link or special
     *     file, or the archive cannot be read
     */
    static List<Path> extract(Path tarGz, Path target) {
        Path root = target.toAbsolutePath().normalize();
        Path staging = createStaging(tarGz, root);
        try {
            unpack(tarGz, staging, root);
            return moveInto(staging, root);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    tarGz + ": cannot extract (" + e + "); delete it and run " + "`isce data download cifar10` again",
                    e);
        } finally {
            deleteTree(staging);
        }
    }

    private static Path createStaging(Path tarGz, Path root) {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, ".extract-");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    root + ": cannot create a folder to extract " + tarGz.getFileName() + " into (" + e
                            + "); check its permissions or choose another data directory",
                    e);
        }
    }

    private static void unpack(Path tarGz, Path staging, Path root) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarGz), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path dest = checkedDestination(tarGz, entry, staging, root);
                if (entry.isDirectory()) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(tar, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** @return where the entry goes in the staging folder, after the safety checks */
    private static Path checkedDestination(Path tarGz, TarArchiveEntry entry, Path staging, Path root) {
        String name = entry.getName();
        Path dest = staging.resolve(name).normalize();
        // resolve+normalize turns "../x" and absolute names into paths outside staging
        if (!dest.startsWith(staging) || dest.equals(staging)) {
            throw refuse(tarGz, name, "would be written outside " + root);
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
            throw refuse(tarGz, name, "is a link");
        }
        if (!entry.isDirectory() && !entry.isFile()) {
            throw refuse(tarGz, name, "is not a regular file or folder");
        }
        return dest;
    }

    private static IllegalArgumentException refuse(Path tarGz, String entry, String why) {
        return new IllegalArgumentException(tarGz + ": entry '" + entry + "' " + why + "; refusing to extract"
                + " this archive, it is not the official one: delete it and download it again");
    }

    private static List<Path> moveInto(Path staging, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staging)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path dest = root.resolve(staging.relativize(file));
            Files.createDirectories(dest.getParent());
            // same file system, so each file appears complete or not at all
            Files.move(file, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return files.stream().map(f -> root.resolve(staging.relativize(f))).toList();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // leftovers in a hidden staging folder do not affect reading; say so and go on
            System.err.println("warning: could not remove " + dir + " (" + e + ")");
        }
    }
}
