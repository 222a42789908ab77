package io.github.isce4j.spark;

import io.github.isce4j.ProgressBar;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.reproduce.CellRunner;
import io.github.isce4j.reproduce.Reproduction;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Runs a reproduction's cells as Spark tasks: it connects, proves that every executor sees the
 * reproduction's folder, then runs wave after wave (a wave's cells need only earlier waves), one
 * task per cell, the longest first so the last tasks to start are short. Each finished cell is
 * reported to the driver through an accumulator, which Spark merges once per successful task; the
 * driver records its time and draws one progress bar. A cell that failed on its own cancels the run.
 */
final class SparkRunner implements CellRunner {

    /** How often the driver looks at finished cells and the tasks in flight. */
    private static final long POLL_MILLIS = 500;

    private final SparkConf conf;

    /** @param conf the Spark configuration, master included */
    SparkRunner(SparkConf conf) {
        this.conf = conf;
    }

    @Override
    public void run(Reproduction reproduction, DataLocator data, List<PendingCell> pending, Finished finished)
            throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        SharedFolder folder = SharedFolder.mark(reproduction.out());
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            prove(spark, folder);
            CollectionAccumulator<Outcome> outcomes = spark.sc().collectionAccumulator("isce4j cells");
            CellTask task = new CellTask(reproduction, data, folder);
            long work = Math.max(
                    1,
                    Math.round(
                            pending.stream().mapToDouble(PendingCell::estimate).sum()));
            try (ProgressBar bar = ProgressBar.ofItems("reproducing", work, pending.size(), "cells")) {
                Waves progress = new Waves(pending, finished, bar);
                int waves = pending.stream().mapToInt(PendingCell::wave).max().orElse(0) + 1;
                for (int w = 0; w < waves; w++) {
                    int wave = w;
                    List<PendingCell> cells = pending.stream()
                            .filter(c -> c.wave() == wave)
                            .sorted(Comparator.comparingDouble(PendingCell::estimate)
                                    .reversed())
                            .toList();
                    runWave(spark, task, cells, outcomes, progress);
                }
            }
        } finally {
            folder.unmark();
        }
    }

    /** Runs one wave's cells, one task each, and waits for all of them, reporting as they finish. */
    private static void runWave(
            JavaSparkContext spark,
            CellTask task,
            List<PendingCell> cells,
            CollectionAccumulator<Outcome> outcomes,
            Waves progress)
            throws IOException {
        String group = "isce4j-" + System.nanoTime();
        spark.setJobGroup(group, cells.size() + " cells of isce reproduce", true);
        List<CellToRun> toRun =
                cells.stream().map(c -> new CellToRun(c.key(), c.description())).toList();
        JavaFutureAction<Void> job =
                spark.parallelize(toRun, toRun.size()).foreachAsync(cell -> outcomes.add(task.run(cell)));
        try {
            while (!job.isDone()) {
                progress.take(outcomes.value(), inFlight(spark));
                Thread.sleep(POLL_MILLIS);
            }
            job.get();
        } catch (CellFailed e) {
            spark.cancelJobGroup(group);
            throw e;
        } catch (InterruptedException e) {
            spark.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the cluster ran the cells", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Spark gave up on the run: " + firstLine(e.getCause()), e);
        }
        progress.take(outcomes.value(), 0);
        for (PendingCell cell : cells) {
            if (!progress.finished(cell.key())) {
                throw new IllegalStateException("Spark finished the wave without " + cell.description());
            }
        }
    }

    /**
     * Runs a few tiny tasks that each read the token back, so that a folder an executor cannot see
     * is refused before any work (each cell's task checks again, for executors that join later).
     */
    private static void prove(JavaSparkContext spark, SharedFolder folder) {
        int tasks = 2 * Math.max(2, spark.defaultParallelism());
        List<String> problems = spark.parallelize(
                        IntStream.range(0, tasks).boxed().toList(), tasks)
                .map(i -> {
                    String problem = folder.problem(CellTask.where());
                    return problem == null ? "" : problem;
                })
                .collect();
        problems.stream().filter(p -> !p.isEmpty()).findFirst().ifPresent(p -> {
            throw new CellFailed(p, true);
        });
    }

    /** @return the tasks the executors are running now, as they report them */
    private static int inFlight(JavaSparkContext spark) {
        int n = 0;
        for (SparkExecutorInfo executor : spark.sc().statusTracker().getExecutorInfos()) {
            n += executor.numRunningTasks();
        }
        return n;
    }

    private static String firstLine(Throwable e) {
        String m = e == null || e.getMessage() == null ? "no reason given" : e.getMessage();
        return m.strip().lines().findFirst().orElse("");
    }

    /** The driver's view of the run: which cells are finished, the timings and the bar. */
    private static final class Waves {

        private final java.util.Map<String, Double> estimates = new java.util.HashMap<>();
        private final Finished finished;
        private final ProgressBar bar;
        private final Set<String> seen = new HashSet<>();
        private double work;

        Waves(List<PendingCell> pending, Finished finished, ProgressBar bar) {
            pending.forEach(c -> estimates.put(c.key(), c.estimate()));
            this.finished = finished;
            this.bar = bar;
        }

        /** Takes the cells newly finished; a failed one ends the run with its message. */
        void take(List<Outcome> outcomes, int inFlight) throws IOException {
            for (Outcome outcome : outcomes) {
                if (outcome.failed()) {
                    throw new CellFailed(outcome.failure(), outcome.badInput());
                }
                if (seen.add(outcome.key())) {
                    finished.cell(outcome.key(), outcome.seconds());
                    work += estimates.getOrDefault(outcome.key(), 0.0);
                }
            }
            bar.update(Math.round(work), seen.size(), String.format(Locale.ROOT, "%d in flight", inFlight));
        }

        boolean finished(String key) {
            return seen.contains(key);
        }
    }
}
