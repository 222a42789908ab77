package io.github.isce4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.reproduce.Budget;
import io.github.isce4j.reproduce.Cell;
import io.github.isce4j.reproduce.CellRunner;
import io.github.isce4j.reproduce.Reproduction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part of the smoke budget (Table 1: ResNet-32 on MNIST, 27 cells) on a real standalone cluster
 * of a Master and two Workers in their own JVMs: the cells run in executor JVMs (natives loaded
 * there, the reproduction and the data locator serialized to them), write into the shared folder,
 * and give the numbers an in-process run gives; an executor killed with SIGKILL mid-run costs
 * nothing; a folder an executor does not see is refused before any work.
 */
class SparkReproductionTest {

    private static final List<String> PART = List.of("table1");
    private static final DataLocator MNIST_INSIDE = new DataLocator(List.of(), true);
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    /** Keys whose values say when, how fast or where a cell ran, not what it measured. */
    private static final Set<String> CIRCUMSTANCES =
            Set.of("seconds", "imagesPerSecond", "provenance", "started", "finished", "created");

    @TempDir
    static Path dir;

    private static TestCluster cluster;
    private static Path inProcess;

    @BeforeAll
    static void startClusterAndRunInProcess() throws Exception {
        cluster = TestCluster.start(dir.resolve("cluster"), 2);
        inProcess = dir.resolve("in-process");
        new Reproduction(Budget.SMOKE, inProcess, PART).run(MNIST_INSIDE, NOWHERE);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The cells run on the cluster, and one executor JVM is killed with SIGKILL once the first cell
     * is done: its cells run again elsewhere, and every cell ends with the numbers of the in-process
     * run, once.
     */
    @Test
    void cellsOnTheClusterGiveTheNumbersOfAnInProcessRunThoughAnExecutorIsKilled() throws Exception {
        Path out = dir.resolve("on-cluster");
        Reproduction reproduction = new Reproduction(Budget.SMOKE, out, PART);
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                runOnCluster(reproduction);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Cell> cells = reproduction.cells();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (cells.stream().noneMatch(c -> c.done(out)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<ProcessHandle> executors = cluster.executors();
        assertFalse(run.isDone(), "the run ended before an executor could be killed:\n" + cluster.logs());
        assertFalse(executors.isEmpty(), "no executor JVM found:\n" + cluster.logs());
        assertTrue(executors.get(0).destroyForcibly(), "SIGKILL");
        run.get(5, TimeUnit.MINUTES);
        assertTrue(cells.stream().allMatch(c -> c.done(out)), "every cell is done");
        assertSameResults(reproduction, out);
        assertTrue(Files.isDirectory(out.resolve("logs")), "each cell's log is in logs/");
        assertFalse(Files.exists(out.resolve(SharedFolder.FILE)), "the token is removed after the run");
    }

    @Test
    void aFolderAnExecutorDoesNotSeeIsRefusedBeforeAnyWork() throws IOException {
        // /proc/self/cwd is the working directory of whichever process reads it: the same name, a
        // different folder on the executors, as a node's local disk would be
        Path relative = Path.of("spark", "target", "unseen-" + System.nanoTime());
        Path out = Path.of("/proc/self/cwd").resolve(relative);
        Reproduction reproduction = new Reproduction(Budget.SMOKE, out, PART);
        CellRunner.CellFailed refused = assertThrows(CellRunner.CellFailed.class, () -> runOnCluster(reproduction));
        assertTrue(refused.getMessage().contains("the folder " + out), refused.getMessage());
        assertTrue(refused.getMessage().contains("is not the driver's"), refused.getMessage());
        assertTrue(refused.badInput());
        assertFalse(Files.exists(relative.resolve("cells")), "no cell ran");
        assertFalse(Files.exists(relative.resolve(SharedFolder.FILE)), "the token is removed");
    }

    @Test
    void aCellThatFailsOnItsOwnStopsTheRunOnceWithItsMessage() {
        // Table 2 trains on CIFAR-10, which these executors are not given: every training fails alike
        Path out = dir.resolve("no-cifar");
        Reproduction reproduction = new Reproduction(Budget.SMOKE, out, List.of("table2"));
        long start = System.nanoTime();
        CellRunner.CellFailed failed = assertThrows(CellRunner.CellFailed.class, () -> runOnCluster(reproduction));
        assertTrue(
                failed.getMessage().matches("train ResNet-32 CIFAR-10 .* failed on executor \\d+ \\(.*\\): .*"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("cifar10"), failed.getMessage());
        assertFalse(failed.getMessage().contains("\n"), "one line");
        assertTrue(failed.badInput(), "missing data is the user's to fix");
        assertTrue(reproduction.cells().stream().noneMatch(c -> c.done(out)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "not retried until Spark gives up");
    }

    private static void runOnCluster(Reproduction reproduction) throws IOException {
        reproduction.run(
                MNIST_INSIDE,
                new SparkConnector()
                        .connect(
                                cluster.master(),
                                Map.of("spark.driver.host", "127.0.0.1", "spark.ui.enabled", "false")));
    }

    /** The same cells, each with the same numbers, and the same verdicts, as the in-process run. */
    private static void assertSameResults(Reproduction reproduction, Path out) throws IOException {
        for (Cell cell : reproduction.cells()) {
            Path mine = cell.result(out);
            Path theirs = cell.result(inProcess);
            assertTrue(Files.isRegularFile(mine), cell.describe() + " is missing");
            if (mine.toString().endsWith(".json")) {
                assertEquals(measured(theirs), measured(mine), cell.describe());
            }
        }
        assertEquals(
                Files.readString(inProcess.resolve("verdicts.json")), Files.readString(out.resolve("verdicts.json")));
        try (Stream<Path> files = Files.list(out.resolve("cells"))) {
            assertEquals(
                    reproduction.cells().size() - trainings(reproduction),
                    files.filter(f -> !f.getFileName().toString().startsWith("."))
                            .count(),
                    "one result per measuring cell, none twice");
        }
    }

    private static long trainings(Reproduction reproduction) {
        return reproduction.cells().stream()
                .filter(c -> c instanceof io.github.isce4j.reproduce.TrainingCell)
                .count();
    }

    /** @return the JSON without the circumstances of the run, keys sorted */
    private static String measured(Path json) throws IOException {
        return strip(JsonParser.parseString(Files.readString(json))).toString();
    }

    private static JsonElement strip(JsonElement e) {
        if (e.isJsonObject()) {
            Map<String, JsonElement> sorted = new TreeMap<>();
            e.getAsJsonObject().entrySet().stream()
                    .filter(x -> !CIRCUMSTANCES.contains(x.getKey()))
                    .forEach(x -> sorted.put(x.getKey(), strip(x.getValue())));
            JsonObject o = new JsonObject();
            sorted.forEach(o::add);
            return o;
        }
        if (e.isJsonArray()) {
            com.google.gson.JsonArray a = new com.google.gson.JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(strip(x)));
            return a;
        }
        return e;
    }
}
