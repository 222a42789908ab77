package io.github.isce4j.cli;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.Split;
import io.github.isce4j.reproduce.Budget;
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
            "  isce reproduce --only table1,fig5 --budget paper --out reports/paper"
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

    @Option(names = "--report-only", description = "Render the report from the cells already done, run nothing.")
    boolean reportOnly;

    @Mixin
    DataOptions data;

    /** What marks a folder of a reproduction (any of them: an interrupted one may hold only some). */
    private static final Set<String> OWN =
            Set.of("timings.json", "cells", "models", "report.md", "verdicts.json", "training.log", "figures");

    @Override
    public Integer call() throws IOException {
        if (dryRun && reportOnly) {
            throw new UserError("--dry-run and --report-only contradict each other: --dry-run prints the plan and "
                    + "writes nothing, --report-only writes the report; choose one");
        }
        OutputFolder.requireOwnKind(OutputFolder.requireWritable(out, "--out"), "--out", "reproduction", OWN);
        Reproduction reproduction = new Reproduction(Budget.parse(budget), out, only);
        if (seeds != null) {
            try {
                reproduction = reproduction.withSeeds(seeds);
            } catch (InvalidSetting e) {
                throw UserError.of(e, Map.of());
            }
        }
        System.out.print(reproduction.plan());
        if (dryRun) {
            return 0;
        }
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
        Path report = reproduction.report();
        System.out.println(
                "\nWritten: " + report + ", " + out.resolve("index.html") + " and " + out.resolve("figures"));
        return 0;
    }
}
