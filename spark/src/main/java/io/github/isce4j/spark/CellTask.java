package io.github.isce4j.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.isce4j.DiskFull;
import io.github.isce4j.cli.Main;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.reproduce.Reproduction;
import io.github.isce4j.train.RunLock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * What an executor does with one cell: check that it sees the driver's folder, give torch the
 * task's CPUs, run the cell into the shared folder with its log in {@code logs/KEY.log}, and report
 * back. A failure of the cell itself is reported, not thrown: Spark would run it again three times
 * for the same result. Only a lost executor makes Spark run a cell again.
 *
 * @param reproduction the reproduction the cell belongs to (it travels as its settings)
 * @param data where the datasets are
 * @param folder the shared folder and the token the driver wrote into it
 */
record CellTask(Reproduction reproduction, DataLocator data, SharedFolder folder) implements Serializable {

    /** DJL records gradients for one model per process: one cell at a time in a JVM. */
    private static final Object ONE_CELL_AT_A_TIME = new Object();

    /**
     * @param cell the cell to run
     * @return what became of it
     */
    Outcome run(CellToRun cell) {
        String problem = folder.problem(where());
        if (problem != null) {
            return Outcome.failed(cell.key(), problem, true);
        }
        Engine.getEngine("PyTorch");
        TaskContext task = TaskContext.get();
        if (task != null) {
            JniUtils.setNumThreads(task.cpus()); // this thread's torch threads: the cores Spark gave the task
        }
        Path logs = reproduction.out().resolve("logs");
        try {
            Files.createDirectories(logs);
            try (OutputStream file = Files.newOutputStream(
                            logs.resolve(cell.key() + ".log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    PrintStream log = new PrintStream(file, true, StandardCharsets.UTF_8)) {
                log.println("== " + cell.description() + " on " + where());
                synchronized (ONE_CELL_AT_A_TIME) {
                    return Outcome.done(cell.key(), reproduction.runCell(cell.key(), data, log, f -> {}));
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            return Outcome.failed(
                    cell.key(),
                    cell.description() + " failed on " + where() + ": " + Main.plainMessage(e),
                    badInput(e));
        }
    }

    /** @return e.g. "executor 1 (host-a)" */
    static String where() {
        SparkEnv env = SparkEnv.get();
        String executor = env == null ? "the driver" : "executor " + env.executorId();
        try {
            return executor + " (" + InetAddress.getLocalHost().getHostName() + ")";
        } catch (IOException e) {
            return executor;
        }
    }

    private static boolean badInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof DiskFull || t instanceof RunLock.Held) {
                return true;
            }
        }
        return false;
    }
}
