package io.github.isce4j.reproduce;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top of the report, what a referee reads first: in five lines, which claims hold, which do
 * not, which are inconclusive, which could not be tested at this budget and why, each with its
 * measured difference and 95 % interval, linked to its row of the claims table. A claim is read in
 * its most trustworthy measurement: the bounded protocol with the paper's I-SCE variant, or the
 * paper protocol where the claim has no bounded measurement (clean accuracy, the AT peak).
 */
final class FirstScreen {

    private FirstScreen() {}

    /** The measurements a claim is read in, most trustworthy first. */
    private static final List<ClaimVerdict.Column> PREFERRED =
            List.of(ClaimVerdict.Column.PAPER_VARIANT_BOUNDED, ClaimVerdict.Column.PAPER_VARIANT_PAPER_PROTOCOL);

    /** The lines in the order they are printed, with how each starts. */
    private enum Line {
        HOLD("Hold"),
        PARTLY("Hold partly (of the claimed sign, short of its size)"),
        NOT("Do not hold"),
        INCONCLUSIVE("Inconclusive (the interval spans two verdicts)"),
        UNTESTED("Not tested at this budget");

        final String title;

        Line(String title) {
            this.title = title;
        }
    }

    /** @return the five lines as a Markdown list, then a sentence on how they are read */
    static String render(List<ClaimVerdict> claims) {
        Map<Line, List<String>> lines = new EnumMap<>(Line.class);
        Set<String> below = new LinkedHashSet<>();
        for (ClaimVerdict c : claims) {
            ClaimVerdict.Judgement j = judgement(c);
            Line line = j == null ? null : line(j.verdict());
            if (line != null) {
                lines.computeIfAbsent(line, k -> new ArrayList<>()).add(entry(c, j));
                j.belowBar()
                        .forEach(f -> below.add(f.model() + " " + Results.format(f.clean()) + " % < "
                                + Results.format(f.bar().value()) + " %"));
            }
        }
        StringBuilder s = new StringBuilder();
        for (Line line : Line.values()) {
            List<String> entries = lines.getOrDefault(line, List.of());
            s.append("- **")
                    .append(line.title)
                    .append(" (")
                    .append(entries.size())
                    .append("):** ")
                    .append(entries.isEmpty() ? "none" : String.join("; ", entries));
            if (line == Line.UNTESTED && !below.isEmpty()) {
                s.append(" — they rest on models whose clean accuracy is below their convergence bar ")
                        .append(Sections.BELOW_BAR)
                        .append(": ")
                        .append(String.join(", ", below));
            }
            s.append('\n');
        }
        s.append("\nEach claim is read in the bounded protocol with the paper's I-SCE variant (the paper protocol "
                + "where it has no bounded measurement): the measured difference in points and its 95 % interval. "
                + "The claims table below has every variant and protocol.\n");
        return s.toString();
    }

    /** @return the claim's judgement in its most trustworthy measured column, or null when none is measured */
    static ClaimVerdict.Judgement judgement(ClaimVerdict claim) {
        for (ClaimVerdict.Column column : PREFERRED) {
            ClaimVerdict.Judgement j = claim.in(column);
            if (j.verdict() != Verdict.NOT_MEASURED) {
                return j;
            }
        }
        return null;
    }

    private static Line line(Verdict v) {
        return switch (v) {
            case REPRODUCED -> Line.HOLD;
            case PARTLY -> Line.PARTLY;
            case NOT_REPRODUCED -> Line.NOT;
            case INCONCLUSIVE -> Line.INCONCLUSIVE;
            case NOT_TESTED -> Line.UNTESTED;
            default -> null;
        };
    }

    private static String entry(ClaimVerdict c, ClaimVerdict.Judgement j) {
        String link = "[" + c.id() + "](#" + anchor(c) + ")";
        if (j.verdict() == Verdict.NOT_TESTED) {
            return link;
        }
        String interval = j.interval() == null ? "" : " " + Results.signed(j.interval());
        return link + " " + Results.signed(j.measured()) + interval;
    }

    /** @return the id of the claim's row in the claims table, e.g. "c7" */
    static String anchor(ClaimVerdict c) {
        return c.id().toLowerCase(java.util.Locale.ROOT);
    }
}
