package io.github.isce4j.reproduce;

import io.github.isce4j.data.DataLocator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs a reproduction's pending cells: {@link #inProcess} one after another in this JVM (what
 * {@code isce reproduce} does by default), or spread over a cluster's executors (the module
 * isce4j-spark). Either way each cell writes its own result files into the reproduction's folder,
 * atomically, and the reproduction renders the report from those files alone.
 */
public interface CellRunner {

    /**
     * Runs every pending cell.
     *
     * @param reproduction whose cells they are; in another JVM, {@link Reproduction#runCell} runs one
     * @param data where the datasets are
     * @param pending the cells not yet done, each after the cells it needs
     * @param finished told of each cell that ran, on the calling thread
     * @throws IOException when a file cannot be read or written
     */
    void run(Reproduction reproduction, DataLocator data, List<PendingCell> pending, Finished finished)
            throws IOException;

    /**
     * @param log where the trainings write their epoch lines
     * @return the runner that runs the cells one after another in this JVM, with a progress bar
     */
    static CellRunner inProcess(PrintStream log) {
        return new InProcess(log, cell -> {});
    }

    /**
     * A cell still to run.
     *
     * @param key its key
     * @param description e.g. "train ResNet-32 MNIST I-SCE (paper variant)"
     * @param estimate its estimated seconds at this machine's measured rates
     * @param wave 0 when it needs no cell still to run, else one more than the latest wave it needs:
     *     the cells of one wave may run at once
     */
    record PendingCell(String key, String description, double estimate, int wave) {}

    /** Hears of each cell that ran. */
    @FunctionalInterface
    interface Finished {

        /**
         * @param key the cell's key
         * @param seconds how long it took; NaN when an earlier copy of it had already finished it
         * @throws IOException when the timings cannot be written
         */
        void cell(String key, double seconds) throws IOException;
    }

    /**
     * A cell failed for a reason that running it again would not change (a setting, the data, a
     * folder an executor does not see, a bug): the run stops with this one line, and the next run
     * reuses every cell that finished.
     */
    final class CellFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** Whether the user can fix it (a setting, the data, the folder), not a bug. */
        private final boolean badInput;

        /**
         * @param message what failed, where, and why, in one line
         * @param badInput whether the user can fix it (a setting, the data, the folder)
         */
        public CellFailed(String message, boolean badInput) {
            super(message);
            this.badInput = badInput;
        }

        /** @return whether the user can fix it (a setting, the data, the folder), not a bug */
        public boolean badInput() {
            return badInput;
        }
    }
}
