package io.github.isce4j.reproduce;

import io.github.isce4j.eval.SanityCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * docs/method.md §7's sanity checks on the model of every method a claim compares ({@link
 * Sections#CHECKED}), on every network the budget checks, so that a robust accuracy resting on
 * gradient masking is flagged beside the tables and in the claims.
 */
record SanitySection() implements Recipe {

    @Override
    public String id() {
        return "sanity";
    }

    @Override
    public String title() {
        return "Sanity checks against gradient masking";
    }

    /** One row of the section: a checked model's sanity cell. */
    private record Row(Setting setting, Method method, SanityCell cell) {}

    /** @return per network the budget checks, each checked method's cell: what the section runs and shows */
    private static List<Row> grid(Cells cells) {
        List<Row> rows = new ArrayList<>();
        for (Setting s : cells.budget().sanitySettings()) {
            Sections.CHECKED.forEach(m -> rows.add(new Row(s, m, cells.sanity(s.network(), s.dataset(), m))));
        }
        return rows;
    }

    @Override
    public List<Cell> cells(Cells cells) {
        return grid(cells).stream().<Cell>map(Row::cell).toList();
    }

    @Override
    public String render(Results results) {
        MarkdownTable table = new MarkdownTable(List.of("network, data", "method", "checks", "flagged"), 4);
        for (Row row : grid(results.cells())) {
            SanityCell.Verdicts v = results.sanity(row.cell());
            String flagged = v == null
                    ? ""
                    : String.join(
                            "; ", v.flagged().stream().map(SanitySection::brief).toList());
            table.row(List.of(
                    row.setting().toString(),
                    row.method().label(),
                    v == null ? "not run" : "[" + v.brief() + "](" + results.link(row.cell()) + ")",
                    flagged));
        }
        return String.format(
                Locale.ROOT,
                "The nine checks of docs/method.md §7 (accuracy reaches 0 as ε grows, is "
                        + "monotone in ε and steps, FGSM never beats PGD, white-box beats black-box, noise is weaker, margin "
                        + "loss and APGD-T find no much lower accuracy than CE, gradients are finite and non-zero, predictions "
                        + "are deterministic, AutoAttack finds little more than the other attacks), with L2 attacks at the PGD curves' radii on the first %d test images (LeNet-5: see the budget). A model that fails a check has its rows "
                        + "marked " + Sections.FAILED + " in every table, one with a warning " + Sections.WARNED
                        + ", and so has every claim's operand it measures. Every method's model is checked, the "
                        + "rivals' too; random resize + pad is not checked as the randomized wrapper it is (the SCE "
                        + "model it wraps is).%n%n%s",
                results.budget().sizes(Setting.RESNET_MNIST).sanityImages(),
                table);
    }

    private static String brief(SanityCheck c) {
        return c.number() + " " + c.verdict().word() + ": " + c.measured();
    }
}
