package io.github.isce4j.reproduce;

import io.github.isce4j.AtomicFile;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.train.RunLock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

/**
 * The paper's experiments as one run: the selected recipes expand into cells, shared cells run
 * once (a model trained for Fig. 5 serves Table 1), finished cells are reused, and the report is
 * rendered from the cells' result files alone.
 */
public final class Reproduction implements Serializable {

    private static final long serialVersionUID = 1L;

    private final transient Budget budget;
    private final transient Path out;
    private final transient List<String> only;
    /** The seeds {@link #withSeeds} asked for; null for the budget's own choice. */
    private final transient Integer seeds;

    private final transient List<Recipe> recipes;
    private final transient Cells cells;

    /**
     * @param budget how much of the paper's settings to spend
     * @param out the folder of models, cells and the report
     * @param only table and figure ids to run (table1 … fig12, sanity); empty for all
     * @throws IllegalArgumentException for an unknown id
     */
    public Reproduction(Budget budget, Path out, List<String> only) {
        this(budget, out, only, null);
    }

    private Reproduction(Budget budget, Path out, List<String> only, Integer seeds) {
        this.budget = budget;
        this.out = out;
        this.only = List.copyOf(only);
        this.seeds = seeds;
        this.recipes = Recipes.select(only);
        this.cells = seeds == null ? new Cells(budget) : new Cells(budget).withSeeds(Seeds.all(seeds));
    }

    /**
     * @param count training seeds for every model the claims are measured on (the budget's own
     *     choice otherwise: one seed, or in quick three for LeNet-5's SCE and I-SCE models)
     * @return this reproduction with the claims' models trained with seeds 0 … count − 1
     * @throws io.github.isce4j.InvalidSetting when count is below 1
     */
    public Reproduction withSeeds(int count) {
        return new Reproduction(budget, out, only, count);
    }

    /** @return the folder of models, cells and the report */
    public Path out() {
        return out;
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
        return plan(null);
    }

    /**
     * @param cluster a cluster to estimate the time on as well, or null
     * @return the plan as text: per recipe its cells, how many are done and the estimated time at
     *     this machine's measured rates, and with a cluster the estimated time from first to last
     *     cell there (each recipe alone, then all); then the budget's reductions
     * @throws IllegalArgumentException naming timings.json when it is damaged
     */
    public String plan(Cluster cluster) {
        Throughput throughput = Throughput.open(out);
        Map<Recipe, List<Cell>> byRecipe = Recipes.byFirstRecipe(recipes, cells);
        List<CellRunner.PendingCell> pending =
                pending(byRecipe.values().stream().flatMap(List::stream).toList(), throughput);
        int threads = Runtime.getRuntime().availableProcessors();
        String clusterHeader = cluster == null
                ? ""
                : String.format(Locale.ROOT, " %12s", cluster.executors() + "x" + cluster.cores() + " cores");
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "Reproduction plan, budget %s, in %s%n%n", budget.id(), out));
        s.append(String.format(
                Locale.ROOT, "%-8s %-72s %7s %6s %10s%s%n", "id", "title", "cells", "done", "estimate", clusterHeader));
        double total = 0;
        int all = 0;
        int allDone = 0;
        for (Map.Entry<Recipe, List<Cell>> entry : byRecipe.entrySet()) {
            Recipe recipe = entry.getKey();
            Set<String> keys = new LinkedHashSet<>();
            entry.getValue().forEach(c -> keys.add(c.key()));
            List<CellRunner.PendingCell> own =
                    pending.stream().filter(c -> keys.contains(c.key())).toList();
            double seconds =
                    own.stream().mapToDouble(CellRunner.PendingCell::estimate).sum();
            int n = keys.size();
            all += n;
            allDone += n - own.size();
            total += seconds;
            s.append(String.format(
                    Locale.ROOT,
                    "%-8s %-72s %7d %6d %10s%s%n",
                    recipe.id(),
                    truncate(recipe.title(), 72),
                    n,
                    n - own.size(),
                    Throughput.duration(seconds),
                    onCluster(cluster, own, threads)));
        }
        s.append(String.format(
                Locale.ROOT,
                "%-8s %-72s %7d %6d %10s%s%n",
                "all",
                "(a cell shared by recipes counts in the " + "first that needs it)",
                all,
                allDone,
                Throughput.duration(total),
                onCluster(cluster, pending, threads)));
        if (cluster != null) {
            s.append(String.format(
                    Locale.ROOT,
                    "%nOn %d executors of %d cores, one cell at a time each with all its cores: trainings first, then "
                            + "the measurements, longest first; a cell's time is this machine's estimate at %d threads "
                            + "scaled to %d (linear in cores: optimistic for the small networks).%n",
                    cluster.executors(),
                    cluster.cores(),
                    threads,
                    cluster.cores()));
        }
        s.append("\nReductions of this budget from the paper's settings:\n");
        budget.reductions().forEach(r -> s.append("  - ").append(r).append('\n'));
        return s.toString();
    }

    private static String onCluster(Cluster cluster, List<CellRunner.PendingCell> pending, int threads) {
        return cluster == null
                ? ""
                : String.format(Locale.ROOT, " %12s", Throughput.duration(cluster.makespan(pending, threads)));
    }

    /**
     * Runs every cell not yet done in this process, then writes the report. The folder's {@link
     * RunLock} is held throughout, so a second reproduction into the same folder is refused with one
     * line naming the process that holds it; temporary files a killed write left in the folder are
     * removed first.
     *
     * @param data where the datasets are
     * @param log where the trainings' epoch lines go (the progress bar is on stderr)
     * @return report.md
     * @throws IOException when a file cannot be read or written
     */
    public Path run(DataLocator data, PrintStream log) throws IOException {
        return run(data, CellRunner.inProcess(log));
    }

    /**
     * As {@link #run(DataLocator, PrintStream)}, with the cells run by {@code runner}, e.g. on a
     * cluster; the lock, the sweep of leftovers, the timings and the report stay here.
     *
     * @param data where the datasets are
     * @param runner runs the cells not yet done
     * @return report.md
     * @throws IOException when a file cannot be read or written
     */
    public Path run(DataLocator data, CellRunner runner) throws IOException {
        try (RunLock lock = RunLock.acquire(out)) {
            int removed = removeLeftovers();
            if (removed > 0) {
                System.err.println("removed " + removed + " temporary file(s) left by an interrupted write in " + out);
            }
            Throughput throughput = Throughput.open(out);
            List<Cell> all = cells();
            Map<String, Cell> byKey = new LinkedHashMap<>();
            all.forEach(c -> byKey.put(c.key(), c));
            runner.run(this, data, pending(all, throughput), (key, seconds) -> {
                if (!Double.isNaN(seconds)) {
                    throughput.record(byKey.get(key), seconds);
                }
            });
            return writeReport();
        }
    }

    /**
     * @return the cells not yet done, each after the cells it needs, with its estimate at this
     *     machine's rates and its wave: 0 for a cell that needs nothing left to do, else one more than
     *     the latest wave it needs
     */
    private List<CellRunner.PendingCell> pending(List<Cell> all, Throughput throughput) {
        // by the cell itself (records compare by value): a key is a SHA-256, too slow to take twice
        Map<Cell, Integer> waves = new java.util.HashMap<>();
        List<CellRunner.PendingCell> pending = new java.util.ArrayList<>();
        for (Cell cell : all) {
            if (cell.done(out)) {
                continue;
            }
            int wave = cell.needs().stream()
                    .mapToInt(n -> waves.getOrDefault(n, -1) + 1)
                    .max()
                    .orElse(0);
            waves.put(cell, wave);
            pending.add(new CellRunner.PendingCell(cell.key(), cell.describe(), throughput.estimate(cell), wave));
        }
        return pending;
    }

    /**
     * Runs one cell of this reproduction in this JVM, as a cluster's executor does; it writes its
     * result into the reproduction's folder, which this JVM must see.
     *
     * @param key the cell's key
     * @param data where the datasets are
     * @param log where a training writes its epoch lines
     * @param fraction hears the fraction of the cell done
     * @return the seconds the cell took, or NaN when it was already done (by an earlier copy of it)
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException when no cell of this reproduction has the key
     */
    public double runCell(String key, DataLocator data, PrintStream log, DoubleConsumer fraction) throws IOException {
        Cell cell = cells().stream()
                .filter(c -> c.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cell " + key + " in the reproduction in " + out));
        if (cell.done(out)) {
            return Double.NaN;
        }
        long start = System.nanoTime();
        cell.run(new Lab(out, data, log, fraction));
        return (System.nanoTime() - start) / 1e9;
    }

    /** As {@link #run(DataLocator, PrintStream)}, telling {@code before} of each cell about to run (tests crash it). */
    Path run(DataLocator data, PrintStream log, java.util.function.Consumer<CellRunner.PendingCell> before)
            throws IOException {
        return run(data, new InProcess(log, before));
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

    /**
     * A reproduction travels to a cluster's executors as its settings; they expand the same cells.
     *
     * @return the settings, the folder as an absolute path
     */
    private Object writeReplace() {
        return new Form(budget.id(), out.toAbsolutePath().toString(), only, seeds);
    }

    /**
     * Refuses a reproduction's bytes that are not its settings.
     *
     * @param in the stream
     * @throws java.io.InvalidObjectException always
     */
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a reproduction is read from its Form");
    }

    /** The serialized form: what decides the cells, the folder as an absolute path. */
    private record Form(String budget, String out, List<String> only, Integer seeds) implements Serializable {
        private Object readResolve() {
            Reproduction r = new Reproduction(Budget.parse(budget), Path.of(out), only);
            return seeds == null ? r : r.withSeeds(seeds);
        }
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
