package io.github.isce4j.model;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * oneDNN's instruction-set cap, which every convolution input gradient needs on x86 CPUs with
 * AVX2 or AVX-512. libtorch 2.7.1's oneDNN returns wrong float32 input gradients from its
 * {@code jit:avx2} and {@code jit:avx512_core} backward-data kernels from time to time (relative
 * errors of 0.1 to 0.5, or NaN), for libtorch's own convolutions and possibly for
 * {@link WideConvolution}'s padded ones; capped at AVX it takes kernels that have been exact
 * in every check. The cap is the environment variable {@code ONEDNN_MAX_CPU_ISA}, which oneDNN
 * reads once, when it creates its first primitive: a process is capped when it starts with it,
 * or when it calls {@link #apply()} before its first convolution (the CLI does so for every
 * command that differentiates a model with respect to its input). Training passes need no input
 * gradient and run uncapped, on the fast kernels.
 */
public final class OneDnnCap {

    /** The environment variable oneDNN reads. */
    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The value {@link #apply()} sets. */
    static final String CAP = "AVX";
    /** oneDNN ISA caps below the faulty AVX2 and AVX-512 kernels. */
    private static final Set<String> SAFE = Set.of("SSE41", "AVX");
    private static final String CPU_FLAGS = cpuFlags();

    /** Whether {@link #apply()} set the cap before any convolution of this process. */
    private static volatile boolean appliedInTime;
    /** Whether a network that may hold convolutions has run: after that oneDNN may have read its cap. */
    private static volatile boolean convolutionRan;

    private OneDnnCap() {}

    /**
     * @return whether convolution input gradients are exact in this process: off x86, on a CPU
     *     without AVX2, or capped at AVX or below (from the start or by {@link #apply()})
     */
    public static boolean inEffect() {
        return appliedInTime || !needed(System.getProperty("os.arch"), System.getenv(VARIABLE), CPU_FLAGS);
    }

    /**
     * Caps oneDNN at AVX for the rest of this process, unless it is capped or uncapped by choice
     * already (the environment variable is set) or the CPU does not need it. Must come before the
     * process's first convolution, isce4j's or anyone's: oneDNN reads the cap once, and isce4j
     * sees only the networks it runs itself (a convolution trained earlier with DJL's own
     * {@code Trainer} would go unnoticed, and the cap would then not hold).
     *
     * @throws IllegalStateException when a convolution has already run, or the C library refuses
     */
    public static void apply() {
        if (inEffect() || System.getenv(VARIABLE) != null) {
            return;
        }
        if (convolutionRan) {
            throw new IllegalStateException("oneDNN can no longer be capped: a network has already run in this process; "
                    + "start it with the environment variable " + VARIABLE + "=" + CAP);
        }
        try {
            if (CLibrary.INSTANCE.setenv(VARIABLE, CAP, 1) != 0) {
                throw new IllegalStateException("setenv failed");
            }
        } catch (LinkageError | IllegalStateException e) {
            throw new IllegalStateException("could not cap oneDNN (" + e.getMessage() + "); start the process with the "
                    + "environment variable " + VARIABLE + "=" + CAP, e);
        }
        appliedInTime = true;
    }

    /** @return the cap in words, for run provenance: the variable's value, how it was set, or none */
    public static String describe() {
        if (appliedInTime) {
            return CAP + " (set by isce4j)";
        }
        return String.valueOf(System.getenv(VARIABLE));
    }

    /** @return whether this CPU would need the cap if the process had none */
    static boolean neededWithoutCap() {
        return needed(System.getProperty("os.arch"), null, CPU_FLAGS);
    }

    /** Notes that a convolution may run: from now on the cap oneDNN uses may be fixed. */
    static void convolutionRuns() {
        convolutionRan = true;
    }

    /**
     * @return whether input gradients need a cap that is missing: an x86 CPU with AVX2 (or unknown
     *     flags) and no cap at AVX or below
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
            return lines.filter(l -> l.startsWith("flags")).findFirst().map(l -> l.substring(l.indexOf(':') + 1)).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The C library's setenv, which oneDNN's getenv reads (Java's System.getenv is a copy taken at start). */
    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);
    }
}
