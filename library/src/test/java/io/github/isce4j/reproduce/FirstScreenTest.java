package io.github.isce4j.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isce4j.reproduce.ClaimVerdict.Column;
import io.github.isce4j.reproduce.ClaimVerdict.Judgement;
import io.github.isce4j.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstScreenTest {

    @Test
    void eachClaimIsReadInItsBoundedPaperVariantMeasurementWithItsInterval() {
        Convergence.Shortfall resnet =
                new Convergence.Shortfall("ResNet-32 MNIST SCE", 45.0, new Convergence.Bar(99.33, 5, "Table 3's"));
        List<ClaimVerdict> claims = List.of(
                claim("C1", Column.PAPER_VARIANT_BOUNDED, 12.3, new Interval(5.1, 19.0), Verdict.REPRODUCED, List.of()),
                claim("C2", Column.PAPER_VARIANT_BOUNDED, 70, null, Verdict.NOT_TESTED, List.of(resnet)),
                claim("C3", Column.PAPER_VARIANT_BOUNDED, 3, new Interval(-4, 9), Verdict.INCONCLUSIVE, List.of()),
                // no bounded measurement: read in the paper protocol
                claim(
                        "C4",
                        Column.PAPER_VARIANT_PAPER_PROTOCOL,
                        -8,
                        new Interval(-12, -4),
                        Verdict.NOT_REPRODUCED,
                        List.of()));
        String screen = FirstScreen.render(claims);
        List<String> lines = screen.lines().filter(l -> l.startsWith("- **")).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("- **Hold (1):** [C1](#c1) +12.3 [+5.1, +19.0]");
        assertThat(lines.get(1)).startsWith("- **Hold partly").endsWith("(0):** none");
        assertThat(lines.get(2)).isEqualTo("- **Do not hold (1):** [C4](#c4) −8.0 [−12.0, −4.0]".replace('−', '-'));
        assertThat(lines.get(3)).contains("(1):** [C3](#c3) +3.0 [-4.0, +9.0]");
        assertThat(lines.get(4))
                .startsWith("- **Not tested at this budget (1):** [C2](#c2) — they rest on models")
                .endsWith("‡: ResNet-32 MNIST SCE 45.0 % < 94.3 %");
    }

    private static ClaimVerdict claim(
            String id,
            Column column,
            double measured,
            Interval interval,
            Verdict v,
            List<Convergence.Shortfall> below) {
        List<Judgement> judgements = new ArrayList<>();
        for (Column c : Column.values()) {
            judgements.add(
                    c == column
                            ? new Judgement(c, measured, interval, "", List.of(), v, below)
                            : new Judgement(c, Double.NaN, null, "", List.of(), Verdict.NOT_MEASURED, List.of()));
        }
        return new ClaimVerdict(id, new ClaimVerdict.Claim("1", "hand-made", "nowhere", 5), judgements);
    }
}
