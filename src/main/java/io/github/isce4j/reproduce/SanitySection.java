package io.github.isce4j.reproduce;

import io.github.isce4j.eval.SanityCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * docs/method.md §7's sanity checks on the SCE and I-SCE models of every network, so that a robust
 * accuracy resting on gradient masking is flagged beside the tables.
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

    /** @return the networks checked: all, except that the smoke budget checks LeNet-5 only (the checks run AutoAttack) */
    static List<Sections.Setting> settings(Budget budget) {
        return Sections.SETTINGS.stream()
                .filter(s -> budget != Budget.SMOKE || s.network() == io.github.isce4j.model.Architecture.LENET5).toList();
    }

    @Override
    public List<Cell> cells(Cells cells) {
        List<Cell> list = new ArrayList<>();
        for (Sections.Setting s : settings(cells.budget())) {
            Sections.CHECKED.forEach(m -> list.add(cells.sanity(s.network(), s.dataset(), m)));
        }
        return list;
    }

    @Override
    public String render(Results results) {
        MarkdownTable table = new MarkdownTable(List.of("network, data", "method", "checks", "flagged"), 4);
        for (Sections.Setting s : settings(results.budget())) {
            for (Method m : Sections.CHECKED) {
                SanityCell cell = results.cells().sanity(s.network(), s.dataset(), m);
                SanityCell.Verdicts v = results.sanity(cell);
                String flagged = v == null ? "" : String.join("; ", v.flagged().stream().map(SanitySection::brief).toList());
                table.row(List.of(s.toString(), m.label(), v == null ? "not run" : "[" + v.brief() + "](" + results.link(cell)
                        + ")", flagged));
            }
        }
        return String.format(Locale.ROOT, "The nine checks of docs/method.md §7 (accuracy reaches 0 as ε grows, is "
                + "monotone in ε and steps, FGSM never beats PGD, white-box beats black-box, noise is weaker, margin "
                + "loss and APGD-T find no much lower accuracy than CE, gradients are finite and non-zero, predictions "
                + "are deterministic, AutoAttack finds little more than the other attacks), with L2 attacks at the PGD curves' radii on the first %d test images (LeNet-5: see the budget). A model that fails a check has its rows "
                + "marked " + Sections.FAILED + " in every table, one with a warning " + Sections.WARNED + ".%n%n%s", results.budget().sanityImages(Sections.SETTINGS.get(0).network()), table);
    }

    private static String brief(SanityCheck c) {
        return c.number() + " " + c.verdict().word() + ": " + c.measured();
    }
}
