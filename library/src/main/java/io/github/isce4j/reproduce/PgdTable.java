package io.github.isce4j.reproduce;

import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.model.Architecture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tables 1 and 2: ResNet-32, I-SCE against PGD adversarial training, clean and PGD-50 untargeted
 * and targeted at the paper's two ε, each in the paper protocol and as a true L2 radius.
 *
 * @param id table1 or table2
 * @param dataset MNIST or CIFAR-10
 * @param paper the paper's numbers
 */
record PgdTable(String id, DatasetName dataset, Map<Method, List<Double>> paper) implements Recipe {

    static final Architecture NETWORK = Architecture.RESNET32;
    static final List<Method> METHODS = List.of(Method.ISCE, Method.ISCE_CODE, Method.AT);

    @Override
    public String title() {
        return String.format(
                Locale.ROOT,
                "Table %s: %s, ResNet-32, I-SCE against adversarial training (PGD-50)",
                id.substring(5),
                Names.dataset(dataset));
    }

    /**
     * One column of the paper's table for one method: the cells measured in the paper protocol and
     * bounded. The clean column reads the first attack column's cells (the same images).
     *
     * @param name the column's name in the table
     * @param clean whether it is the clean column
     * @param paperCell the paper-protocol cell
     * @param boundedCell the bounded cell
     */
    private record Column(String name, boolean clean, AttackCell paperCell, AttackCell boundedCell) {}

    /** One method's row of the table. */
    private record Row(Method method, List<Column> columns) {}

    /** @return per method, its columns' cells: what the table runs and shows */
    private List<Row> grid(Cells cells) {
        int steps = cells.budget().tableSteps();
        List<Row> rows = new ArrayList<>();
        for (Method method : METHODS) {
            List<Column> columns = new ArrayList<>();
            for (TargetChoice target : CurvesFigure.TARGETS) {
                for (double e : Paper.eps(dataset)) {
                    columns.add(new Column(
                            String.format(
                                    Locale.ROOT,
                                    "PGD-%d %s ε = %s",
                                    steps,
                                    target == TargetChoice.NONE ? "un" : "tar",
                                    e),
                            false,
                            cells.attack(NETWORK, dataset, method, AttackPlan.of(Cells.paperPgd(e, steps, target))),
                            cells.attack(NETWORK, dataset, method, AttackPlan.of(Cells.pgd(e, steps, target)))));
                }
            }
            columns.add(
                    0,
                    new Column(
                            "clean",
                            true,
                            columns.get(0).paperCell(),
                            columns.get(0).boundedCell()));
            rows.add(new Row(method, columns));
        }
        return rows;
    }

    @Override
    public List<Cell> cells(Cells cells) {
        List<Cell> list = new ArrayList<>();
        for (Row row : grid(cells)) {
            row.columns().stream().filter(c -> !c.clean()).forEach(c -> {
                list.add(c.paperCell());
                list.add(c.boundedCell());
            });
        }
        return list;
    }

    @Override
    public String render(Results results) throws IOException {
        MarkdownTable table = new MarkdownTable(
                List.of(
                        "method",
                        "measure",
                        "paper",
                        "ours, paper protocol",
                        "Δ",
                        "verdict",
                        "ours, bounded (L2 radius = ε)",
                        "Δ",
                        "verdict"),
                2);
        for (Row r : grid(results.cells())) {
            Method method = r.method();
            List<Double> paperRow = Paper.of(paper, method);
            for (int i = 0; i < r.columns().size(); i++) {
                Column c = r.columns().get(i);
                double claimed = paperRow.get(i);
                AttackCell paperCell = c.paperCell();
                AttackCell boundedCell = c.boundedCell();
                double ours = c.clean() ? results.clean(paperCell) : results.robust(paperCell);
                double bounded = c.clean() ? Double.NaN : results.robust(boundedCell);
                table.row(List.of(
                        Sections.method(results, NETWORK, dataset, method),
                        c.name(),
                        Results.format(claimed),
                        results.number(ours, paperCell),
                        Results.signed(ours - claimed),
                        Verdict.ofNumber(ours, claimed, c.clean()).word(),
                        c.clean() ? "(same images)" : results.number(bounded, boundedCell),
                        c.clean() ? "" : Results.signed(bounded - claimed),
                        c.clean()
                                ? ""
                                : Verdict.ofNumber(bounded, claimed, false).word()));
            }
        }
        return String.format(
                Locale.ROOT,
                "ResNet-32 on %s, %s; accuracy %% w.r.t. the true label. The paper's I-SCE "
                        + "row stands beside both of our I-SCE variants. AT: an SCE model trained on the paper protocol's "
                        + "10-step attack of size 0.02. Verdict: matched within %.0f point (clean) or %.0f points (robust). The "
                        + "paper protocol reads ε as the per-step size of an unprojected sign-gradient attack in the paper's "
                        + "[-1, 1] units (an assumption forced by its numbers, docs/method.md §3); the bounded protocol runs "
                        + "projected PGD-L2 with ε as a true radius, worst case of CE and margin. %s.%n%n%s",
                Names.dataset(dataset),
                "the first "
                        + String.format(
                                Locale.ROOT,
                                "%,d",
                                results.budget().scale(NETWORK, dataset).testImages()) + " test images",
                Verdict.CLEAN_TOLERANCE,
                Verdict.ROBUST_TOLERANCE,
                Sections.WHITE_BOX_CAPTION,
                table);
    }
}
