package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.isce4j.model.OneDnnCap;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isce attack} on a TorchScript model, in a JVM started without the oneDNN cap: where this
 * CPU's oneDNN computes plain convolutions' input gradients wrong, the command says so in one line,
 * runs again capped, and its results record the cap that was in effect.
 */
class CappedRestartTest {

    @Test
    void anUncappedCommandWhoseCheckFailsRunsAgainCappedAndRecordsTheCap(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("tiny_bn.pt");
        try (InputStream in = getClass().getResourceAsStream("/io/github/isce4j/model/torchscript/tiny_bn.pt")) {
            Files.copy(in, model);
        }
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-Dai.djl.offline=true",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "attack",
                        model.toString(),
                        "--dataset",
                        "mnist",
                        "--n",
                        "8",
                        "--attack",
                        "pgd-l2",
                        "--eps",
                        "1",
                        "--steps",
                        "2",
                        "--out",
                        tmp.resolve("out").toString())
                .redirectErrorStream(true);
        pb.environment().remove(OneDnnCap.VARIABLE);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String results = Files.readString(tmp.resolve("out/results.json"));
        assumeTrue(
                out.contains("running the command again with ONEDNN_MAX_CPU_ISA=AVX"),
                "this CPU's uncapped oneDNN computed the plain convolution exactly: nothing to restart");
        assertThat(out).contains("isce: the TorchScript model has convolutions isce4j cannot pad");
        assertThat(results).contains("\"onednn_max_cpu_isa\": \"AVX\"");
    }
}
