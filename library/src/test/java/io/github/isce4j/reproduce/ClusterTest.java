package io.github.isce4j.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster plan's schedule on hand-made cells, and what travels to a cluster's executors. */
class ClusterTest {

    private static CellRunner.PendingCell cell(double seconds, int wave) {
        return new CellRunner.PendingCell("k" + seconds + "-" + wave, "cell", seconds, wave);
    }

    @Test
    void makespanSchedulesWaveAfterWaveLongestFirst() {
        Cluster two = new Cluster(2, 1);
        // longest first on 2 executors: 5 and 4 start, 3 follows 4 on the executor that frees first: 7
        List<CellRunner.PendingCell> wave = List.of(cell(3, 0), cell(5, 0), cell(4, 0));
        assertEquals(7, two.makespan(wave, 1), 1e-12);
        // a second wave starts when the first has ended
        assertEquals(7 + 2, two.makespan(List.of(cell(3, 0), cell(5, 0), cell(4, 0), cell(2, 1)), 1), 1e-12);
        // estimates measured with 2 threads take twice as long on a 1-core executor
        assertEquals(14, two.makespan(wave, 2), 1e-12);
        // 4 executors of 2 cores: each cell at once, as fast as measured on 2 threads
        Cluster wide = new Cluster(4, 2);
        assertEquals(5, wide.makespan(wave, 2), 1e-12);
        assertEquals(0, wide.makespan(List.of(), 2), 1e-12);
    }

    @Test
    void aClusterOutOfRangeIsRefusedNamingTheSetting() {
        assertEquals(
                "executors",
                assertThrows(InvalidSetting.class, () -> new Cluster(0, 2)).setting());
        assertEquals(
                "cores",
                assertThrows(InvalidSetting.class, () -> new Cluster(1, 0)).setting());
    }

    @Test
    void thePlanShowsTheTimeOnTheCluster(@TempDir Path out) {
        String plan = new Reproduction(Budget.SMOKE, out, List.of("table1", "fig3")).plan(new Cluster(16, 8));
        assertTrue(plan.contains("16x8 cores"), plan);
        assertTrue(plan.contains("On 16 executors of 8 cores, one cell at a time each"), plan);
    }

    @Test
    void aReproductionAndItsDataTravelAsTheirSettings(@TempDir Path out) throws Exception {
        Reproduction here = new Reproduction(Budget.SMOKE, out, List.of("table1")).withSeeds(2);
        Reproduction there = roundTrip(here);
        assertEquals(keys(here), keys(there));
        assertEquals(out.toAbsolutePath(), there.out());

        DataLocator data = new DataLocator(List.of(out.resolve("data")), true).requireVerified("advice");
        DataLocator arrived = roundTrip(data);
        assertEquals(List.of(out.resolve("data").toAbsolutePath()), arrived.directories());
        assertTrue(arrived.has(DatasetName.MNIST), "the copy of MNIST inside isce4j is still searched");
    }

    private static List<String> keys(Reproduction r) {
        return r.cells().stream().map(Cell::key).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
