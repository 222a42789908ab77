package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The oneDNN cap that convolution input gradients need. The test JVM itself runs capped (the
 * pom sets {@code ONEDNN_MAX_CPU_ISA=AVX}), so what happens without the cap is watched in a fresh
 * child JVM ({@link OneDnnCapChild}) with oneDNN's verbose log on: gradients are refused until the
 * process caps itself, and then oneDNN really runs its AVX kernels.
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
    void anUncappedProcessRefusesInputGradientsUntilItCapsItselfAndThenRunsAvxKernels() throws Exception {
        assumeTrue(OneDnnCap.neededWithoutCap(), "this CPU has no AVX2: its oneDNN kernels need no cap, nothing to refuse");
        List<String> out = child("cap");
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("PLAIN refused: ").contains("ONEDNN_MAX_CPU_ISA=AVX"));
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("LENET5 refused: ").contains("OneDnnCap.apply()"));
        assertThat(out).contains("CAP AVX (set by isce4j) in effect true", "LENET5 gradient (2, 1, 28, 28) finite true");
        // oneDNN's own word: the ISA it dispatches to, and every convolution it ran.
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("onednn_verbose").endsWith(",isa:Intel AVX"));
        List<String> convolutions = out.stream().filter(l -> l.contains(",exec,cpu,convolution,")).toList();
        assertThat(convolutions).anySatisfy(l -> assertThat(l).contains(",backward_data,"))
                .allSatisfy(l -> assertThat(l).doesNotContain("avx2", "avx512"));
    }

    @Test
    void aProcessThatRanANetworkCanNoLongerCapItself() throws Exception {
        assumeTrue(OneDnnCap.neededWithoutCap(), "this CPU has no AVX2: its oneDNN kernels need no cap");
        assertThat(child("late")).anySatisfy(l -> assertThat(l).startsWith("LATE refused: ")
                .contains("a network has already run").contains("ONEDNN_MAX_CPU_ISA=AVX"));
    }

    /** @return the child's output lines, standard output and error together */
    private static List<String> child(String mode) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp", System.getProperty("java.class.path"), OneDnnCapChild.class.getName(), mode).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove(OneDnnCap.VARIABLE);
        env.put("ONEDNN_VERBOSE", "1");
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
