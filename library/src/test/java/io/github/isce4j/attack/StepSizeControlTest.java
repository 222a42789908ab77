package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * APGD's step-size schedule against values worked out by hand from docs/method.md §3.7, and its
 * halving rule replayed on loss histories made up for each case, several histories at once as
 * the rows of one batch (as the attack runs them).
 */
class StepSizeControlTest {

    @Test
    void checkpointsOfAHundredIterations() {
        // p = 0, .22, .41, .57, .70, .80, .87, .93, .99, 1.05: steps 22, 19, 16, 13, 10, 7, then 6, 6, 6
        assertThat(AutoProjectedGradientDescent.checkpoints(100)).containsExactly(22, 41, 57, 70, 80, 87, 93, 99);
    }

    @Test
    void checkpointsOfFewerIterationsRoundUpAndDropRepeats() {
        // 10·p = 2.2, 4.1, 5.7, 7.0, 8.0, 8.7, 9.3, 9.9 → ⌈⌉ = 3, 5, 6, 7, 8, 9, 10, 10
        assertThat(AutoProjectedGradientDescent.checkpoints(10)).containsExactly(3, 5, 6, 7, 8, 9, 10);
        // 50·p = 11, 20.5, 28.5, 35, 40, 43.5, 46.5, 49.5
        assertThat(AutoProjectedGradientDescent.checkpoints(50)).containsExactly(11, 21, 29, 35, 40, 44, 47, 50);
        assertThat(AutoProjectedGradientDescent.checkpoints(1)).containsExactly(1);
        assertThatThrownBy(() -> AutoProjectedGradientDescent.checkpoints(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations");
    }

    @Test
    void halvingFollowsTheShareOfRisingStepsAndTheStall() {
        int n = 100;
        List<float[]> rows = new ArrayList<>();
        // 0: rises every step: never halved
        rows.add(history(n, i -> i));
        // 1: flat: no step rises, halved at every checkpoint
        rows.add(history(n, i -> 5));
        // 2 and 3: rising, except that in the third window (steps 42..57, 16 steps) 4 resp. 3 steps fall
        // below the step before: 12 = 0.75·16 rises halve (at most ρ·window), 13 do not
        rows.add(history(n, i -> i + (i >= 42 && i <= 57 && i % 4 == 0 ? -1.5 : 0)));
        rows.add(history(n, i -> i + (i >= 42 && i <= 53 && i % 4 == 0 ? -1.5 : 0)));
        // 4: rises to step 22, then drops and creeps up without reaching the old best: 18 of 19
        // steps rise, but the best did not improve and the step was not halved at 22: halved at 41
        rows.add(history(n, i -> i <= 22 ? i : i <= 41 ? 0.01 * i : i));
        // 5: flat to 22 (halved there), then the same creep: not halved at 41, as it was halved at 22
        rows.add(history(n, i -> i <= 22 ? 30 : i <= 41 ? 0.01 * i : 30 + i));
        List<List<Integer>> halved = replay(rows, n);
        int[] all = AutoProjectedGradientDescent.checkpoints(n);
        assertThat(halved.get(0)).isEmpty();
        assertThat(halved.get(1)).containsExactly(box(all));
        assertThat(halved.get(2)).containsExactly(57);
        assertThat(halved.get(3)).isEmpty();
        assertThat(halved.get(4)).containsExactly(41);
        assertThat(halved.get(5)).containsExactly(22);
    }

    /** @return the checkpoints at which each row's step was halved */
    private static List<List<Integer>> replay(List<float[]> histories, int n) {
        List<List<Integer>> halved = new ArrayList<>();
        histories.forEach(h -> halved.add(new ArrayList<>()));
        try (NDManager m = NDManager.newBaseManager()) {
            StepSizeControl control = new StepSizeControl(m.create(column(histories, 0)), n, 0.75, m);
            for (int step = 1; step <= n; step++) {
                control.observe(m.create(column(histories, step)));
                NDArray halve = control.halve();
                if (halve != null) {
                    boolean[] h = halve.toBooleanArray();
                    for (int r = 0; r < h.length; r++) {
                        if (h[r]) {
                            halved.get(r).add(step);
                        }
                    }
                }
            }
        }
        return halved;
    }

    private static float[] column(List<float[]> histories, int step) {
        float[] c = new float[histories.size()];
        for (int r = 0; r < c.length; r++) {
            c[r] = histories.get(r)[step];
        }
        return c;
    }

    /** @return the objective at x^0 … x^n */
    private static float[] history(int n, java.util.function.IntToDoubleFunction f) {
        float[] h = new float[n + 1];
        for (int i = 0; i <= n; i++) {
            h[i] = (float) f.applyAsDouble(i);
        }
        return h;
    }

    private static Integer[] box(int[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
    }
}
