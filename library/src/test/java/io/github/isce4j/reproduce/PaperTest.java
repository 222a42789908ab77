package io.github.isce4j.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isce4j.data.DatasetName;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperTest {

    @Test
    void table3HasAPaperRowForEveryMethodTheTableRuns() {
        for (DatasetName d : SimBaTable.DATASETS) {
            for (Method m : SimBaTable.METHODS) {
                assertThat(Paper.of(Paper.table3(d), m)).as(m + " on " + d).hasSize(1 + Paper.SIMBA_BOUNDS.size());
            }
        }
        // The paper's Table 3 rows for the two defenses, as printed (clean, then L2 0.5, 1, 1.5).
        assertThat(Paper.of(Paper.table3(DatasetName.MNIST), Method.AT)).isEqualTo(List.of(98.86, 97.32, 66.98, 49.94));
        assertThat(Paper.of(Paper.table3(DatasetName.CIFAR10), Method.RANDOM))
                .isEqualTo(List.of(89.48, 76.54, 72.74, 71.30));
    }
}
