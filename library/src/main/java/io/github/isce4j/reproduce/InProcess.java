package io.github.isce4j.reproduce;

import io.github.isce4j.ProgressBar;
import io.github.isce4j.data.DataLocator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/** Runs the cells one after another in this JVM, under one progress bar in cells and minutes. */
final class InProcess implements CellRunner {

    private final PrintStream log;
    private final Consumer<PendingCell> before;

    /**
     * @param log where the trainings write their epoch lines
     * @param before told of each cell about to run (tests crash it)
     */
    InProcess(PrintStream log, Consumer<PendingCell> before) {
        this.log = log;
        this.before = before;
    }

    @Override
    public void run(Reproduction reproduction, DataLocator data, List<PendingCell> pending, Finished finished)
            throws IOException {
        long total = Math.max(
                1,
                Math.round(pending.stream().mapToDouble(PendingCell::estimate).sum()));
        double done = 0;
        try (ProgressBar bar = ProgressBar.ofItems("reproducing", total, pending.size(), "cells")) {
            for (int i = 0; i < pending.size(); i++) {
                PendingCell cell = pending.get(i);
                String status = "now: " + cell.description();
                double before = done;
                int cellsDone = i;
                bar.update(Math.round(before), cellsDone, status);
                this.before.accept(cell);
                double seconds = reproduction.runCell(
                        cell.key(),
                        data,
                        log,
                        f -> bar.update(Math.round(before + f * cell.estimate()), cellsDone, status));
                finished.cell(cell.key(), seconds);
                done += cell.estimate();
                bar.update(Math.round(done), i + 1, status);
            }
        }
    }
}
