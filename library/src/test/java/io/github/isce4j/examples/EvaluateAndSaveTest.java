package io.github.isce4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's evaluation example (AutoAttack, DeepFool judged at budgets, saving and reading a
 * result) compiles against isce4j and DJL alone, runs, and reports consistent numbers.
 */
class EvaluateAndSaveTest {

    private static final Pattern PERCENT = Pattern.compile("([0-9.]+) %");

    @TempDir
    Path classes;

    @TempDir
    Path out;

    @Test
    void theExampleRunsAutoAttackAndDeepFoolSavesTheResultAndReadsItBack() throws Exception {
        List<String> lines = Examples.run(classes, "EvaluateAndSave", out.toString());
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("clean ").contains("autoattack-linf eps=0.3: robust");
        List<Double> first = percents(lines.get(0));
        double clean = first.get(0);
        double robust = first.get(1);
        assertThat(clean).as("LeNet-5 after 1 epoch on 6,000 images").isGreaterThan(70);
        assertThat(robust).isLessThanOrEqualTo(clean);
        // after each AutoAttack stage the accuracy can only fall, and ends at the row's robust accuracy
        List<Double> after = new ArrayList<>();
        for (String stage : lines.subList(1, 5)) {
            assertThat(stage).startsWith("  after ");
            after.add(percents(stage).get(0));
        }
        assertThat(lines.get(1)).startsWith("  after apgd-ce");
        assertThat(after).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(after.get(after.size() - 1)).isEqualTo(robust);
        assertThat(lines.get(5)).startsWith("deepfool").contains("at L2 <= 1.0: robust");
        assertThat(percents(lines.get(5)).get(0)).isLessThanOrEqualTo(clean);
        assertThat(lines.get(6)).isEqualTo("read back from " + out.resolve("results.json") + ": true");
        assertThat(out.resolve("results.csv")).exists();
        assertThat(out.resolve("results.md"))
                .content()
                .startsWith("lenet5")
                .contains("on mnist, the first 100 test images");
        assertThat(out.resolve("results.png")).exists();
    }

    private static List<Double> percents(String line) {
        List<Double> found = new ArrayList<>();
        Matcher m = PERCENT.matcher(line);
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        assertThat(found).as(line).isNotEmpty();
        return found;
    }
}
