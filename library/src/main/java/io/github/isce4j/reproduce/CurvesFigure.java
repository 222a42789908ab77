package io.github.isce4j.reproduce;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.RobustnessPlot;
import io.github.isce4j.model.Architecture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figs. 5, 6, 10 and 11: every method under PGD-10 and PGD-50, untargeted and least-likely
 * targeted, at the paper's ε in the paper protocol and at true L2 radii in the bounded protocol;
 * where a PGD claim is measured, also AutoAttack on the models it compares ({@link
 * Claims#autoAttackCells}).
 *
 * @param id fig5, fig6, fig10 or fig11
 * @param network the network
 * @param dataset its dataset
 * @param paper what the paper's text says the figure shows
 */
record CurvesFigure(String id, Architecture network, DatasetName dataset, FigureComparison.PaperSays paper)
        implements Recipe {

    static final List<TargetChoice> TARGETS = List.of(TargetChoice.NONE, TargetChoice.LEAST_LIKELY);

    @Override
    public String title() {
        return String.format(
                Locale.ROOT,
                "Fig. %s: %s on %s, all methods under PGD",
                id.substring(3),
                Names.network(network),
                Names.dataset(dataset));
    }

    /**
     * One curve of one method: its cells at the paper's ε (paper protocol), then at the radii (bounded).
     *
     * @param method the method attacked
     * @param target untargeted or least likely
     * @param steps PGD steps
     * @param cells one per ε, then one per radius
     */
    private record Row(Method method, TargetChoice target, int steps, List<AttackCell> cells) {}

    /** @return per method, per target and steps, its curve's cells: what the figure runs and shows */
    private List<Row> grid(Cells cells) {
        List<Row> rows = new ArrayList<>();
        for (Method method : methods(cells.budget())) {
            for (TargetChoice target : TARGETS) {
                for (int steps : cells.budget().pgdSteps()) {
                    rows.add(new Row(
                            method,
                            target,
                            steps,
                            specs(target, steps, cells.budget()).stream()
                                    .map(spec -> cells.attack(network, dataset, method, AttackPlan.of(spec)))
                                    .toList()));
                }
            }
        }
        return rows;
    }

    @Override
    public List<Cell> cells(Cells cells) {
        List<Cell> list = new ArrayList<>();
        grid(cells).forEach(r -> list.addAll(r.cells()));
        list.addAll(Claims.autoAttackCells(cells, new Setting(network, dataset)));
        return list;
    }

    /** @return the methods attacked: all, random resize + pad where the budget affords its EOT gradients */
    private List<Method> methods(Budget budget) {
        return Method.ALL.stream()
                .filter(m -> m != Method.RANDOM || budget.whiteBoxOnRandom(network, dataset))
                .toList();
    }

    /** @return the paper-protocol specs, then the bounded ones, of one (target, steps) group */
    private List<AttackSpec> specs(TargetChoice target, int steps, Budget budget) {
        List<AttackSpec> specs = new ArrayList<>();
        Paper.eps(dataset).forEach(e -> specs.add(Cells.paperPgd(e, steps, target)));
        budget.radii(network, dataset).forEach(r -> specs.add(Cells.pgd(r, steps, target)));
        return specs;
    }

    @Override
    public String render(Results results) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "The paper plots robust accuracy of every method against the PGD size, "
                        + "untargeted and targeted, after 10 and 50 steps. Ours: %s, robust accuracy (%%) w.r.t. the true label "
                        + "on %s. %s. Paper protocol: the authors' unprojected sign-gradient attack, ε a per-step size in the "
                        + "paper's units. Bounded protocol: projected PGD-L2 at a true L2 radius in [0, 1] pixel units, worst "
                        + "case over CE on the deployed output and the margin loss on raw logits.%n%n",
                Names.network(network) + " on " + Names.dataset(dataset),
                imagesNote(results.budget()),
                Sections.WHITE_BOX_CAPTION));
        List<Row> grid = grid(results.cells());
        for (TargetChoice target : TARGETS) {
            for (int steps : results.budget().pgdSteps()) {
                md.append(group(
                        results,
                        target,
                        steps,
                        grid.stream()
                                .filter(r -> r.target() == target && r.steps() == steps)
                                .toList()));
            }
        }
        return md.append(autoAttack(results)).toString();
    }

    /**
     * @return AutoAttack beside bounded PGD at the same radius on the models the PGD claims compare,
     *     and by how much PGD overstated robustness where AutoAttack is far below; "" where no claim
     *     is measured on this figure's network
     */
    private String autoAttack(Results results) {
        Setting setting = new Setting(network, dataset);
        List<Method> methods = Claims.pgdModels(results.budget()).getOrDefault(setting, List.of());
        if (methods.isEmpty()) {
            return "";
        }
        double radius = Cells.boundedRadius(dataset);
        int pgdImages = results.budget().scale(network, dataset).testImages();
        int aaImages = results.cells()
                .attack(network, dataset, methods.get(0), Cells.autoAttack(dataset))
                .images();
        String pgdHeader = "PGD-" + results.budget().tableSteps() + " untargeted, L2 ≤ " + radius;
        List<String> header = new ArrayList<>(List.of("method", pgdHeader, "AutoAttack, L2 ≤ " + radius));
        if (aaImages != pgdImages) {
            header.add("PGD on AutoAttack's images");
        }
        header.add("PGD − AutoAttack");
        MarkdownTable table = new MarkdownTable(header);
        for (Method method : methods) {
            Claims.PgdAgainstAutoAttack c = Claims.pgdAgainstAutoAttack(results, setting, method);
            List<String> row = new ArrayList<>(List.of(
                    Sections.method(results, network, dataset, method),
                    results.number(results.robust(c.pgd()), c.pgd()),
                    results.number(c.autoAttackValue(), c.autoAttack())));
            if (aaImages != pgdImages) {
                row.add(results.number(c.pgdOnSameImages(), "%.1f", c.pgd()));
            }
            row.add(Results.signed(c.pgdOnSameImages() - c.autoAttackValue())
                    + (c.overstated() ? " PGD overstated" : ""));
            table.row(row);
        }
        String images = aaImages == pgdImages
                ? "the same test images as PGD"
                : String.format(
                        Locale.ROOT,
                        "the first %d of PGD's %d test images (this budget's AutoAttack images, random resize + pad "
                                + "keeping its own; PGD's number on them is read from its per-image outcomes)",
                        aaImages,
                        pgdImages);
        return String.format(
                Locale.ROOT,
                "**AutoAttack** (standard: APGD-CE, APGD-T, FAB-T, Square) at the bounded protocol's radius, on the "
                        + "models the claims compare and %s. Where it is more than %.0f points below PGD on the same "
                        + "images (sanity check 9's threshold), the PGD number overstated robustness by the "
                        + "difference.%n%n%s%n",
                images,
                100 * io.github.isce4j.eval.SanityChecks.AUTOATTACK_FAR_BELOW,
                table);
    }

    /** @return one (target, steps) group: its table, its plot of the bounded protocol and how that compares */
    private String group(Results results, TargetChoice target, int steps, List<Row> rows) throws IOException {
        Budget budget = results.budget();
        String group = String.format(
                Locale.ROOT,
                "PGD-%d %s",
                steps,
                target == TargetChoice.NONE ? "untargeted" : "targeted (least likely)");
        List<String> header = new ArrayList<>(List.of("method", "clean"));
        Paper.eps(dataset).forEach(e -> header.add("paper ε " + e));
        budget.radii(network, dataset).forEach(r -> header.add("L2 ≤ " + r));
        MarkdownTable table = new MarkdownTable(header);
        RobustnessPlot plot = new RobustnessPlot(
                String.format(
                        Locale.ROOT,
                        "%s on %s: %s, bounded protocol",
                        Names.network(network),
                        Names.dataset(dataset),
                        group),
                "L2 radius ([0, 1] pixel units)");
        FigureComparison comparison = new FigureComparison("L2 ≤");
        for (Row r : rows) {
            Method method = r.method();
            List<String> row = new ArrayList<>(List.of(Sections.method(results, network, dataset, method)));
            AttackCell first = r.cells().get(0);
            row.add(results.number(results.clean(first), first));
            for (AttackCell cell : r.cells()) {
                AttackSpec spec = cell.plan().spec();
                double value = results.robust(cell);
                row.add(results.number(value, cell));
                if (spec.protocol() == io.github.isce4j.attack.Protocol.BOUNDED && !Double.isNaN(value)) {
                    plot.add(row.get(0), 0, results.clean(cell) / 100); // the label with its marks
                    plot.add(row.get(0), spec.radius(), value / 100);
                    comparison.add(method, spec.radius(), value, cell);
                }
            }
            table.row(row);
        }
        String name = String.format(Locale.ROOT, "%s-pgd%d-%s.png", id, steps, target.id());
        return "**" + group + "**\n\n" + table + "\n" + results.plot(plot, name, title() + ", " + group) + "\n\n"
                + comparison.sentence(results, paper) + "\n\n";
    }

    private String imagesNote(Budget budget) {
        return String.format(
                Locale.ROOT,
                "the first %,d test images (random resize + pad: the first %,d)",
                budget.scale(network, dataset).testImages(),
                budget.randomDefenseImages(network, dataset));
    }
}
