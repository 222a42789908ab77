package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class of the packages that compute gradients, main code or tests, calls an NDArray arithmetic
 * or comparison method with a {@code Number} operand: DJL frees that operand's memory before the
 * backward pass can read it ({@link Scalar}). Read from the compiled classes' constant pools, so a
 * call cannot hide behind a formatting or a static import.
 */
class NumberOperandBanTest {

    private static final List<String> PACKAGES = List.of("model", "loss", "attack", "defense", "train", "eval");
    /** The NDArray types whose Number overloads wrap the operand in Java memory. */
    private static final Set<String> OWNERS = Set.of(
            "ai/djl/ndarray/NDArray",
            "ai/djl/pytorch/engine/PtNDArray",
            "ai/djl/ndarray/NDArrays",
            "ai/djl/ndarray/internal/NDArrayEx",
            "ai/djl/pytorch/engine/PtNDArrayEx");
    /** clip passes its bounds to libtorch as scalars, set copies: both are safe and allowed. */
    private static final Set<String> BANNED = Set.of(
            "add", "sub", "mul", "div", "mod", "pow", "addi", "subi", "muli", "divi", "modi", "powi", "rsub", "rdiv",
            "rmod", "rpow", "rsubi", "rdivi", "rmodi", "rpowi", "maximum", "minimum", "eq", "neq", "gt", "gte", "lt",
            "lte");

    private static final String OFFENDER = "NumberOperandBanTest$Offender.class";

    @Test
    void noNumberOperandInThePackagesThatComputeGradients() throws IOException, URISyntaxException {
        List<String> found = new ArrayList<>();
        int classes = 0;
        for (Path root : List.of(location(Scalar.class), location(NumberOperandBanTest.class))) {
            for (String p : PACKAGES) {
                Path dir = root.resolve("io/github/isce4j/" + p);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class") && !f.endsWith(OFFENDER))
                            .toList()) {
                        classes++;
                        for (String call : numberCalls(Files.readAllBytes(f))) {
                            found.add(root.relativize(f) + " calls " + call);
                        }
                    }
                }
            }
        }
        assertThat(classes).as("compiled classes scanned").isGreaterThan(150);
        assertThat(found).as("use Scalar.of(...) instead").isEmpty();
    }

    @Test
    void theScanFindsANumberOperand() throws IOException, URISyntaxException {
        // A compiled call of x.mul(2.5f), in a class written for this test only.
        assertThat(numberCalls(Files.readAllBytes(
                        location(NumberOperandBanTest.class).resolve("io/github/isce4j/model/" + OFFENDER))))
                .containsExactly("ai/djl/ndarray/NDArray.mul(Ljava/lang/Number;)");
    }

    /** Offends on purpose, to prove the scan can see an offence; the scan skips only this class. */
    static final class Offender {
        static ai.djl.ndarray.NDArray scaled(ai.djl.ndarray.NDArray x) {
            return x.mul(2.5f);
        }
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * @param classFile a class file's bytes
     * @return "owner.name(descriptor)" of every banned method reference in its constant pool
     */
    static List<String> numberCalls(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.readInt(); // magic
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[][] refs = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {tag, in.readUnsignedShort()};
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> calls = new ArrayList<>();
        for (int[] r : refs) {
            if (r == null || (r[0] != 10 && r[0] != 11)) {
                continue;
            }
            String owner = utf8[refs[r[1]][1]];
            int[] nameAndType = refs[r[2]];
            String name = utf8[nameAndType[1]];
            String descriptor = utf8[nameAndType[2]];
            String parameters = descriptor.substring(0, descriptor.indexOf(')') + 1);
            if (OWNERS.contains(owner) && BANNED.contains(name) && parameters.contains("Ljava/lang/Number;")) {
                calls.add(owner + "." + name + parameters);
            }
        }
        return calls;
    }
}
