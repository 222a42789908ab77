package io.github.isce4j.cli;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.Split;
import io.github.isce4j.reproduce.Budget;
import io.github.isce4j.reproduce.Cluster;
import io.github.isce4j.reproduce.ClusterConnector;
import io.github.isce4j.reproduce.Reproduction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code isce reproduce}: the paper's tables and figures in one command, with a verdict per claim. */
@Command(
        name = "reproduce",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Run the paper's Tables 1-3 and Figures 3-12 and write a report that puts every number beside "
                    + "the paper's, with a verdict per claim (docs/reproduce.md).",
            "Each table and figure expands into cells (one trained model, or one attack on one model); a model is "
                    + "trained once and shared. Finished cells are reused, so an interrupted run continues where it "
                    + "stopped and a changed setting re-runs only the cells it changes. Writes OUT/report.md, "
                    + "OUT/index.html (self-contained) and OUT/figures/*.png.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  isce reproduce --budget quick --dry-run",
            "  isce reproduce --budget quick",
            "  isce reproduce --only table1,fig5 --budget paper --out reports/paper",
            "  isce reproduce --budget paper --dry-run --executors 32 --cores 4",
            "  isce reproduce --budget paper --master spark://head:7077 --out /shared/paper"
        })
final class ReproduceCommand implements Callable<Integer> {

    @Option(
            names = "--budget",
            defaultValue = "quick",
            paramLabel = "B",
            description = "smoke (minutes, for tests), quick (about an hour on 2 cores) or paper (the paper's "
                    + "settings; weeks on 2 cores: isce4j ships libtorch's CPU build). Default: ${DEFAULT-VALUE}.")
    String budget;

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "ID",
            description = "Tables and figures to run: table1, table2, table3, fig3 ... fig12, sanity. Default: all.")
    List<String> only = List.of();

    @Option(
            names = "--out",
            defaultValue = "reports/paper",
            paramLabel = "DIR",
            description = "Folder of the models, cells and report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--seeds",
            paramLabel = "K",
            description = "Train every model the claims are measured on with seeds 0 … K-1 and show each claim's "
                    + "spread over them (section \"Spread over training seeds\"). Default: the budget's choice (quick: 3 "
                    + "seeds for LeNet-5's SCE and both I-SCE models; paper: 1).")
    Integer seeds;

    @Option(names = "--dry-run", description = "Print the plan (cells, which are done, estimated time) and stop.")
    boolean dryRun;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Run the cells on an Apache Spark cluster, one task per cell: spark://HOST:7077, "
                    + "k8s://https://HOST:PORT, local[N]. DIR must be one folder that every executor sees (NFS, a "
                    + "Kubernetes volume). Needs isce4j's Spark runner: ./isce adds it; or spark-submit "
                    + "target/isce4j-spark.jar (docs/cluster.md).")
    String master;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark property, as spark-submit takes it, e.g. spark.executor.memory=4g or "
                    + "spark.executor.cores=4 (each cell's torch threads: an executor runs one cell at a time); "
                    + "repeatable.")
    Map<String, String> conf = new java.util.LinkedHashMap<>();

    @Option(
            names = "--executors",
            paramLabel = "N",
            description = "With --dry-run and --cores: also estimate the time on a cluster of N executors.")
    Integer executors;

    @Option(
            names = "--cores",
            paramLabel = "C",
            description = "With --dry-run and --executors: the cores of each executor. An executor runs one cell at a "
                    + "time with all its cores (on a cluster: --conf spark.executor.cores=C, 1 unless set).")
    Integer cores;

    @Option(names = "--report-only", description = "Render the report from the cells already done, run nothing.")
    boolean reportOnly;

    @Mixin
    DataOptions data;

    /** What marks a folder of a reproduction (any of them: an interrupted one may hold only some). */
    private static final Set<String> OWN = Set.of(
            "timings.json",
            "cells",
            "models",
            "report.md",
            "verdicts.json",
            "training.log",
            "figures",
            "logs",
            ".cluster-token");

    @Override
    public Integer call() throws IOException {
        if (dryRun && reportOnly) {
            throw new UserError("--dry-run and --report-only contradict each other: --dry-run prints the plan and "
                    + "writes nothing, --report-only writes the report; choose one");
        }
        requireConsistentClusterFlags();
        OutputFolder.requireOwnKind(OutputFolder.requireWritable(out, "--out"), "--out", "reproduction", OWN);
        Reproduction reproduction = new Reproduction(Budget.parse(budget), out, only);
        if (seeds != null) {
            try {
                reproduction = reproduction.withSeeds(seeds);
            } catch (InvalidSetting e) {
                throw UserError.of(e, Map.of());
            }
        }
        System.out.print(reproduction.plan(cluster()));
        if (dryRun) {
            return 0;
        }
        ClusterConnector connector = master == null
                ? null
                : ClusterConnector.find()
                        .orElseThrow(() -> new UserError("--master needs isce4j's Spark runner on the class path: run "
                                + "./isce, which adds it, or spark-submit target/isce4j-spark.jar (docs/cluster.md)"));
        if (!reportOnly) {
            DataLocator locator = data.locator();
            for (DatasetName d : reproduction.datasets()) {
                if (!locator.has(d)) {
                    throw new UserError(d.id() + " is needed and was not found in " + locator.directories()
                            + "; pass --data-dir, fetch it with `isce data download " + d.id() + "`, or leave out the "
                            + "tables and figures that use it with --only");
                }
            }
            DataOptions.printSources(locator, reproduction.datasets(), Split.TRAIN, Split.TEST);
            Files.createDirectories(out);
            if (connector != null) {
                System.out.println("\ncells run on " + master + "; each cell's log goes to " + out.resolve("logs"));
                try (InterruptAdvice advice =
                        InterruptAdvice.on("run the same command again: finished cells are reused")) {
                    reproduction.run(locator, connector.connect(master, conf));
                }
                return written(reproduction);
            }
            Path log = out.resolve("training.log");
            try (OutputStream file = Files.newOutputStream(
                            log, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    PrintStream trainingLog = new PrintStream(file, true, "UTF-8")) {
                System.out.println("\ntraining logs go to " + log);
                try (InterruptAdvice advice =
                        InterruptAdvice.on("run the same command again: finished cells are reused")) {
                    reproduction.run(locator, trainingLog);
                }
            }
        }
        reproduction.report();
        return written(reproduction);
    }

    private int written(Reproduction reproduction) {
        System.out.println("\nWritten: " + out.resolve("report.md") + ", " + out.resolve("index.html") + " and "
                + out.resolve("figures"));
        return 0;
    }

    /** Refuses cluster flags that contradict each other or the rest of the command. */
    private void requireConsistentClusterFlags() {
        if ((executors == null) != (cores == null)) {
            throw new UserError("--executors and --cores go together: the cluster's size is both");
        }
        if (executors != null && !dryRun) {
            throw new UserError("--executors and --cores only shape --dry-run's estimate; a run takes the cluster's "
                    + "size from --master");
        }
        if (master != null && reportOnly) {
            throw new UserError("--master and --report-only contradict each other: --report-only runs nothing");
        }
        if (!conf.isEmpty() && master == null) {
            throw new UserError("--conf sets Spark properties: it needs --master");
        }
    }

    /** @return the cluster --dry-run estimates for, or null */
    private Cluster cluster() {
        try {
            return executors == null ? null : new Cluster(executors, cores);
        } catch (InvalidSetting e) {
            throw UserError.of(e, Map.of());
        }
    }
}
