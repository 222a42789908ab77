package io.github.isce4j.reproduce;

import io.github.isce4j.AtomicFile;
import io.github.isce4j.ProgressBar;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.train.RunLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The paper's experiments as one run: the selected recipes expand into cells, shared cells run
 * once (a model trained for Fig. 5 serves Table 1), finished cells are reused, and the report is
 * rendered from the cells' result files alone.
 */
public final class Reproduction {

    private final Budget budget;
    private final Path out;
    private final List<Recipe> recipes;
    private final Cells cells;

    /**
     * @param budget how much of the paper's settings to spend
     * @param out the folder of models, cells and the report
     * @param only table and figure ids to run (table1 … fig12, sanity); empty for all
     * @throws IllegalArgumentException for an unknown id
     */
    public Reproduction(Budget budget, Path out, List<String> only) {
        this(budget, out, Recipes.select(only), new Cells(budget));
    }

    private Reproduction(Budget budget, Path out, List<Recipe> recipes, Cells cells) {
        this.budget = budget;
        this.out = out;
        this.recipes = recipes;
        this.cells = cells;
    }

    /**
     * @param count training seeds for every model the claims are measured on (the budget's own
     *     choice otherwise: one seed, or in quick three for LeNet-5's SCE and I-SCE models)
     * @return this reproduction with the claims' models trained with seeds 0 … count − 1
     * @throws io.github.isce4j.InvalidSetting when count is below 1
     */
    public Reproduction withSeeds(int count) {
        return new Reproduction(budget, out, recipes, cells.withSeeds(Seeds.all(count)));
    }

    /** @return every id {@code only} accepts, in report order */
    public static List<String> ids() {
        return Recipes.ids();
    }

    /** @return the distinct cells of the selected recipes, each after the training it needs */
    public List<Cell> cells() {
        return Recipes.byFirstRecipe(recipes, cells).values().stream()
                .flatMap(List::stream)
                .toList();
    }

    /** @return the datasets the selected recipes need */
    public Set<DatasetName> datasets() {
        Set<DatasetName> datasets = new LinkedHashSet<>();
        cells().stream()
                .filter(c -> c instanceof TrainingCell)
                .forEach(c -> datasets.add(((TrainingCell) c).config().dataset()));
        return datasets;
    }

    /**
     * @return the plan as text: per recipe its cells, how many are done and the estimated time at
     *     this machine's measured rates; then the budget's reductions
     * @throws IllegalArgumentException naming timings.json when it is damaged
     */
    public String plan() {
        Throughput throughput = Throughput.open(out);
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "Reproduction plan, budget %s, in %s%n%n", budget.id(), out));
        s.append(String.format(Locale.ROOT, "%-8s %-72s %7s %6s %10s%n", "id", "title", "cells", "done", "estimate"));
        double total = 0;
        int all = 0;
        int allDone = 0;
        for (Map.Entry<Recipe, List<Cell>> entry :
                Recipes.byFirstRecipe(recipes, cells).entrySet()) {
            Recipe recipe = entry.getKey();
            int n = entry.getValue().size();
            int done = 0;
            double seconds = 0;
            for (Cell cell : entry.getValue()) {
                if (cell.done(out)) {
                    done++;
                } else {
                    seconds += throughput.estimate(cell);
                }
            }
            all += n;
            allDone += done;
            total += seconds;
            s.append(String.format(
                    Locale.ROOT,
                    "%-8s %-72s %7d %6d %10s%n",
                    recipe.id(),
                    truncate(recipe.title(), 72),
                    n,
                    done,
                    Throughput.duration(seconds)));
        }
        s.append(String.format(
                Locale.ROOT,
                "%-8s %-72s %7d %6d %10s%n",
                "all",
                "(a cell shared by recipes counts in the " + "first that needs it)",
                all,
                allDone,
                Throughput.duration(total)));
        s.append("\nReductions of this budget from the paper's settings:\n");
        budget.reductions().forEach(r -> s.append("  - ").append(r).append('\n'));
        return s.toString();
    }

    /**
     * Runs every cell not yet done, then writes the report. The folder's {@link RunLock} is held
     * throughout, so a second reproduction into the same folder is refused with one line naming the
     * process that holds it; temporary files a killed write left in the folder are removed first.
     *
     * @param data where the datasets are
     * @param log where the trainings' epoch lines go (the progress bar is on stderr)
     * @return report.md
     * @throws IOException when a file cannot be read or written
     */
    public Path run(DataLocator data, PrintStream log) throws IOException {
        return run(data, log, cell -> {});
    }

    /** As {@link #run(DataLocator, PrintStream)}, telling {@code before} of each cell about to run (tests crash it). */
    Path run(DataLocator data, PrintStream log, java.util.function.Consumer<Cell> before) throws IOException {
        try (RunLock lock = RunLock.acquire(out)) {
            int removed = removeLeftovers();
            if (removed > 0) {
                log.println("removed " + removed + " temporary file(s) left by an interrupted write in " + out);
            }
            runCells(data, log, before);
            return writeReport();
        }
    }

    private void runCells(DataLocator data, PrintStream log, java.util.function.Consumer<Cell> before)
            throws IOException {
        Throughput throughput = Throughput.open(out);
        List<Cell> todo = cells().stream().filter(c -> !c.done(out)).toList();
        Map<String, Double> estimates = new LinkedHashMap<>();
        todo.forEach(c -> estimates.put(c.key(), throughput.estimate(c)));
        long total = Math.max(
                1,
                Math.round(estimates.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum()));
        double[] finished = {0};
        try (ProgressBar bar = ProgressBar.ofItems("reproducing", total, todo.size(), "cells")) {
            for (int i = 0; i < todo.size(); i++) {
                Cell cell = todo.get(i);
                double estimate = estimates.get(cell.key());
                String status = "now: " + cell.describe();
                int doneCells = i;
                bar.update(Math.round(finished[0]), doneCells, status);
                Lab lab = new Lab(
                        out, data, log, f -> bar.update(Math.round(finished[0] + f * estimate), doneCells, status));
                before.accept(cell);
                long start = System.nanoTime();
                cell.run(lab);
                throughput.record(cell, (System.nanoTime() - start) / 1e9);
                finished[0] += estimate;
                bar.update(Math.round(finished[0]), i + 1, status);
            }
        }
    }

    /**
     * Removes what killed {@link io.github.isce4j.AtomicFile} writes left in the folder, its cells
     * and its figures (each training run directory sweeps its own when it resumes). Only while
     * holding the lock.
     *
     * @return how many files were removed
     */
    private int removeLeftovers() throws IOException {
        int removed = AtomicFile.removeLeftovers(out) + AtomicFile.removeLeftovers(out.resolve("figures"));
        Path cells = out.resolve("cells");
        removed += AtomicFile.removeLeftovers(cells);
        if (Files.isDirectory(cells)) {
            try (Stream<Path> dirs = Files.list(cells)) {
                for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    removed += AtomicFile.removeLeftovers(dir);
                }
            }
        }
        return removed;
    }

    /**
     * Renders report.md, index.html and the figures from the cells' result files; cells not run show
     * as "—" and their claims as not measured. Holds the folder's lock while it writes, as {@link
     * #run(DataLocator, PrintStream)} does.
     *
     * @return report.md
     * @throws IOException when a result cannot be read or the report written
     * @throws IllegalArgumentException naming a result file that is damaged
     */
    public Path report() throws IOException {
        try (RunLock lock = RunLock.acquire(out)) {
            return writeReport();
        }
    }

    private Path writeReport() throws IOException {
        return Report.write(new Results(out, cells), recipes, Throughput.open(out));
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
