package io.github.isce4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example compiles against isce4j and DJL alone, runs, and reports sane numbers. */
class QuickStartTest {

    private static final Pattern LINE = Pattern.compile("clean +([0-9.]+) %.*robust +([0-9.]+) %");

    @TempDir
    Path classes;

    @Test
    void theExampleTrainsBothModelsAndAttacksThem() throws Exception {
        List<String> lines = Examples.run(classes, "QuickStart");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("DJL model lenet5-isce").contains("pgd-l2 eps=1.0 steps=20 loss=ce+margin");
        assertThat(lines.get(1)).startsWith("DJL model mlp-sce");
        double[] lenet = numbers(lines.get(0));
        double[] mlp = numbers(lines.get(1));
        assertThat(lenet[0])
                .as("LeNet-5 clean accuracy after 3 epochs on 20,000 images")
                .isGreaterThan(95);
        assertThat(mlp[0]).as("MLP clean accuracy").isGreaterThan(90);
        // PGD-L2 at eps = 1 must hurt both models, and the plain MLP (no convolution, no I-SCE) badly
        assertThat(lenet[1]).isLessThan(lenet[0]);
        assertThat(mlp[1]).isLessThan(mlp[0] - 20);
    }

    private static double[] numbers(String line) {
        Matcher m = LINE.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }
}
