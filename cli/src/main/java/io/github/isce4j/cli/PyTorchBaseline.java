package io.github.isce4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.model.Architecture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The same training workload as {@code isce bench train}, run in PyTorch by the Python interpreter
 * at {@link #PYTHON} when it has torch, so both speeds are measured in one run on one machine.
 * The images go to the script as raw bytes, so both sides train on identical data.
 */
final class PyTorchBaseline {

    /** Debian's interpreter, where {@code apt-get install python3-torch} puts PyTorch. */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = "/io/github/isce4j/bench/pytorch_train.py";

    private final String version;

    private PyTorchBaseline(String version) {
        this.version = version;
    }

    /** @return the baseline when {@link #PYTHON} exists and imports torch, else empty */
    static Optional<PyTorchBaseline> find() {
        if (!Files.isExecutable(PYTHON)) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? Optional.of(new PyTorchBaseline(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** @return PyTorch's version string */
    String version() {
        return version;
    }

    /**
     * Trains {@code model} on {@code train} for {@code rounds} passes in PyTorch.
     *
     * @return images/s of each round, the first a warm-up as on isce4j's side
     * @throws IOException when the script cannot be run or fails
     */
    List<Double> rates(Architecture model, ImageSet train, int rounds, int batchSize, int threads)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("isce4j-bench");
        Path script = dir.resolve("pytorch_train.py");
        Path images = dir.resolve("images.u8");
        Path labels = dir.resolve("labels.u8");
        try {
            try (InputStream in = PyTorchBaseline.class.getResourceAsStream(SCRIPT)) {
                Files.copy(in, script);
            }
            writeBytes(train, images, labels);
            List<String> command = List.of(
                    PYTHON.toString(),
                    script.toString(),
                    "--model",
                    model.id(),
                    "--images",
                    images.toString(),
                    "--labels",
                    labels.toString(),
                    "--shape",
                    train.size() + "," + train.channels() + "," + train.height() + "," + train.width(),
                    "--mean",
                    joined(train.dataset().channelMean()),
                    "--std",
                    joined(train.dataset().channelStd()),
                    "--classes",
                    Integer.toString(train.dataset().numClasses()),
                    "--rounds",
                    Integer.toString(rounds),
                    "--batch-size",
                    Integer.toString(batchSize),
                    "--threads",
                    Integer.toString(threads));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // what a PyTorch user gets by default: not the JVM's allocator tuning (isce sets it for libtorch)
            builder.environment().remove("GLIBC_TUNABLES");
            builder.environment().put("OPENBLAS_NUM_THREADS", "1");
            Process p = builder.start();
            List<Double> rates = new ArrayList<>();
            StringBuilder log = new StringBuilder();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    log.append(line).append('\n');
                    if (line.startsWith("{\"round\"")) {
                        JsonObject round = JsonParser.parseString(line).getAsJsonObject();
                        rates.add(round.get("images_per_second").getAsDouble());
                    }
                }
            }
            if (p.waitFor() != 0 || rates.size() != rounds) {
                throw new IOException("the PyTorch baseline failed (exit " + p.exitValue() + "): " + lastLine(log));
            }
            return rates;
        } finally {
            for (Path f : List.of(script, images, labels, dir)) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Pixels back to the bytes they were read from (they are k / 255 exactly), and the labels. */
    private static void writeBytes(ImageSet set, Path images, Path labels) throws IOException {
        int chunk = 1_000;
        try (OutputStream out = Files.newOutputStream(images)) {
            for (int from = 0; from < set.size(); from += chunk) {
                float[] pixels = set.pixels(from, Math.min(set.size(), from + chunk));
                byte[] bytes = new byte[pixels.length];
                for (int i = 0; i < pixels.length; i++) {
                    bytes[i] = (byte) Math.round(pixels[i] * 255f);
                }
                out.write(bytes);
            }
        }
        int[] y = set.labels();
        byte[] bytes = new byte[y.length];
        for (int i = 0; i < y.length; i++) {
            bytes[i] = (byte) y[i];
        }
        Files.write(labels, bytes);
    }

    private static String joined(float[] values) {
        StringJoiner j = new StringJoiner(",");
        for (float v : values) {
            j.add(Float.toString(v));
        }
        return j.toString();
    }

    private static String lastLine(CharSequence log) {
        String[] lines = log.toString().strip().split("\n");
        return lines.length == 0 ? "(no output)" : lines[lines.length - 1];
    }
}
