package io.github.isce4j.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * oneDNN's instruction-set cap, as this process runs with it. libtorch 2.7.1's oneDNN returns
 * wrong float32 convolution input gradients from its AVX2 and AVX-512 backward-data kernels for
 * filter counts that are not a multiple of the SIMD width (relative errors of 0.1 to 0.5, or NaN;
 * tools/onednn). isce4j's own convolutions avoid those kernels ({@link WideConvolution}) and are
 * checked per shape ({@link ConvolutionCheck}), so they run uncapped; convolutions isce4j cannot
 * pad (a TorchScript file, a DJL block) need the cap where the check finds the fault.
 *
 * <p>The cap is the environment variable {@code ONEDNN_MAX_CPU_ISA}, which oneDNN reads once, at
 * its first convolution. isce4j never changes it inside a process: what this class reports is what
 * oneDNN reads. The {@code isce} command restarts itself with the variable set when the check
 * fails; a Java program sets it when it starts the JVM.
 */
public final class OneDnnCap {

    /** The environment variable oneDNN reads. */
    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The cap that avoids the faulty kernels. */
    public static final String CAP = "AVX";
    /** oneDNN ISA caps below the faulty AVX2 and AVX-512 kernels. */
    private static final Set<String> SAFE = Set.of("SSE41", "AVX");

    private static final String CPU_FLAGS = cpuFlags();

    private OneDnnCap() {}

    /**
     * @return whether oneDNN in this process keeps off the faulty kernels: off x86, on a CPU
     *     without AVX2, or started with the cap at AVX or below
     */
    public static boolean inEffect() {
        return !needed(System.getProperty("os.arch"), System.getenv(VARIABLE), CPU_FLAGS);
    }

    /** @return the cap in effect, for run provenance: the variable's value, or {@code none} */
    public static String describe() {
        String value = System.getenv(VARIABLE);
        return value == null ? "none" : value;
    }

    /**
     * @return whether the faulty kernels may run: an x86 CPU with AVX2 (or unknown flags) and no
     *     cap at AVX or below
     */
    static boolean needed(String arch, String cap, String cpuFlags) {
        boolean x86 = "amd64".equals(arch) || "x86_64".equals(arch);
        boolean capped = cap != null && SAFE.contains(cap.trim().toUpperCase(Locale.ROOT));
        boolean avx2 = cpuFlags == null || (" " + cpuFlags + " ").contains(" avx2 ");
        return x86 && !capped && avx2;
    }

    /** @return the first {@code flags} line of /proc/cpuinfo, or null where there is none */
    private static String cpuFlags() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1))
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
