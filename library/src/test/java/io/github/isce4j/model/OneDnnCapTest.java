package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What oneDNN runs with is what isce4j reports. Each case is a fresh child JVM
 * ({@link OneDnnCapChild}) with oneDNN's verbose log on, so that oneDNN itself says which kernels
 * ran: uncapped, isce4j's LeNet-5 gets its input gradients on the CPU's fastest kernels and the run
 * records no cap; a plain convolution's gradients are refused where this CPU's kernels compute
 * them wrong; started capped, every kernel is an AVX one and the run records the cap.
 */
class OneDnnCapTest {

    @Test
    void theCapIsNeededOnX86WithAvx2UnlessAtAvxOrBelow() {
        String epyc = "fpu sse4_1 avx avx2 avx512f";
        assertThat(OneDnnCap.needed("amd64", null, epyc)).isTrue();
        assertThat(OneDnnCap.needed("amd64", "AVX2", epyc)).isTrue();
        assertThat(OneDnnCap.needed("amd64", "avx512_core", epyc)).isTrue();
        assertThat(OneDnnCap.needed("x86_64", null, null)).as("flags unknown").isTrue();
        assertThat(OneDnnCap.needed("amd64", "avx", epyc)).isFalse();
        assertThat(OneDnnCap.needed("amd64", "SSE41", epyc)).isFalse();
        assertThat(OneDnnCap.needed("amd64", null, "fpu sse4_1 avx")).isFalse();
        assertThat(OneDnnCap.needed("aarch64", null, null)).isFalse();
    }

    @Test
    void uncappedIsce4jsOwnConvolutionsRunOnTheFastKernelsAndTheRunRecordsNoCap() throws Exception {
        assumeTrue(
                OneDnnCap.needed(System.getProperty("os.arch"), null, cpuFlags()),
                "this CPU has no AVX2: its oneDNN kernels are the capped ones anyway");
        List<String> out = child(null);
        assertThat(out).contains("CAP none in effect false", "LENET5 gradient (2, 1, 28, 28) finite true");
        // A plain convolution with 4 filters: refused where the check finds the fault, computed where not.
        assertThat(out)
                .anySatisfy(l -> assertThat(l)
                        .matches(
                                "PLAIN (refused: .*ONEDNN_MAX_CPU_ISA=AVX.*|gradient \\(2, 1, 28, 28\\) finite true)"));
        List<String> convolutions =
                out.stream().filter(l -> l.contains(",exec,cpu,convolution,")).toList();
        assertThat(convolutions)
                .anySatisfy(l -> assertThat(l).contains(",backward_data,"))
                .anySatisfy(l -> assertThat(l).containsAnyOf("avx2", "avx512"));
    }

    @Test
    void startedCappedEveryKernelIsAnAvxOneAndTheRunRecordsTheCap() throws Exception {
        List<String> out = child("AVX");
        assertThat(out)
                .contains(
                        "CAP AVX in effect true",
                        "LENET5 gradient (2, 1, 28, 28) finite true",
                        "PLAIN gradient (2, 1, 28, 28) finite true");
        assertThat(out)
                .anySatisfy(l -> assertThat(l).startsWith("onednn_verbose").endsWith(",isa:Intel AVX"));
        List<String> convolutions =
                out.stream().filter(l -> l.contains(",exec,cpu,convolution,")).toList();
        assertThat(convolutions)
                .anySatisfy(l -> assertThat(l).contains(",backward_data,"))
                .allSatisfy(l -> assertThat(l).doesNotContain("avx2", "avx512"));
    }

    private static String cpuFlags() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("flags"))
                .findFirst()
                .orElse(null);
    }

    /** @return the child's output lines, standard output and error together */
    private static List<String> child(String cap) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-Dai.djl.offline=true",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OneDnnCapChild.class.getName())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove(OneDnnCap.VARIABLE);
        if (cap != null) {
            env.put(OneDnnCap.VARIABLE, cap);
        }
        env.put("ONEDNN_VERBOSE", "1");
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
