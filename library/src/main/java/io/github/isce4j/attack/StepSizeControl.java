package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.github.isce4j.model.Scalar;
import java.util.ArrayList;
import java.util.List;

/**
 * APGD's step-size rule (Croce &amp; Hein 2020, docs/method.md §3.12), for a whole batch at once.
 * It watches the objective after every step and, at the checkpoints w_j of
 * {@link #checkpoints(int)}, says which examples get their step halved (and restart from their
 * best point): those where at most ρ·(w_j − w_{j−1}) of the steps since the last checkpoint raised
 * the objective, and those whose step was not halved at the last checkpoint and whose best
 * objective has not improved since.
 *
 * <p>"At most" (≤), not "fewer than": the reference implementation halves when the count equals
 * ρ·(w_j − w_{j−1}), which happens for N = 100 at the window of 16 steps.
 */
final class StepSizeControl {

    private final int[] checkpoints;
    private final double rho;
    private final NDManager manager;
    private int steps;
    private int next;
    private NDArray last;
    private NDArray best;
    private NDArray increases;
    private NDArray bestAtCheckpoint;
    private NDArray halvedAtCheckpoint;

    /**
     * @param initial the objective at the starting point, one per example [n]
     * @param iterations the step budget N
     * @param rho the fraction of raising steps below which the step is halved (0.75)
     * @param manager where the rule's state lives; it outlives the run
     */
    StepSizeControl(NDArray initial, int iterations, double rho, NDManager manager) {
        this.checkpoints = checkpoints(iterations);
        this.rho = rho;
        this.manager = manager;
        this.last = keep(initial.duplicate());
        this.best = keep(initial.duplicate());
        this.bestAtCheckpoint = keep(initial.duplicate());
        this.increases = keep(initial.zerosLike());
        // At the first checkpoint only the first condition can halve: count as "halved last time".
        this.halvedAtCheckpoint = keep(initial.onesLike().toType(DataType.BOOLEAN, false));
    }

    /**
     * The checkpoints of N iterations, docs/method.md §3.12: w_j = ⌈p_j·N⌉ with p_0 = 0, p_1 = 0.22,
     * p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06), kept while w_j ≤ N, repeats dropped. The
     * p_j are exact hundredths, so the rounding is done in integers (0.41·100 is not 41 in binary).
     *
     * @param iterations N ≥ 1
     * @return w_1 &lt; w_2 &lt; … ≤ N, the step counts after which the step size is reconsidered
     */
    static int[] checkpoints(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        List<Integer> w = new ArrayList<>();
        long previous = 0;
        long p = 22; // in hundredths
        while (true) {
            long checkpoint = (p * iterations + 99) / 100;
            if (checkpoint > iterations) {
                break;
            }
            if (w.isEmpty() || w.get(w.size() - 1) != checkpoint) {
                w.add((int) checkpoint);
            }
            long step = Math.max(p - previous - 3, 6);
            previous = p;
            p += step;
        }
        return w.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the checkpoints this rule halves at */
    int[] checkpoints() {
        return checkpoints.clone();
    }

    /**
     * Records the objective after one more step.
     *
     * @param objective the objective at the new iterate [n]
     * @return which examples improved on their best objective (strictly), boolean [n]
     */
    NDArray observe(NDArray objective) {
        steps++;
        increases = keep(increases.add(objective.gt(last).toType(increases.getDataType(), false)));
        NDArray improved = objective.gt(best);
        best = keep(NDArrays.where(improved, objective, best));
        last = keep(objective.duplicate());
        return improved;
    }

    /**
     * @return at a checkpoint (the step count just observed is one), which examples halve their
     *     step, boolean [n]; null between checkpoints
     */
    NDArray halve() {
        if (next >= checkpoints.length || checkpoints[next] != steps) {
            return null;
        }
        int window = checkpoints[next] - (next == 0 ? 0 : checkpoints[next - 1]);
        next++;
        NDArray oscillating = increases.lte(Scalar.of(increases, (float) (rho * window)));
        NDArray stalled = halvedAtCheckpoint.logicalNot().logicalAnd(bestAtCheckpoint.gte(best));
        NDArray halve = keep(oscillating.logicalOr(stalled));
        halvedAtCheckpoint = keep(halve.duplicate());
        bestAtCheckpoint = keep(best.duplicate());
        increases = keep(increases.zerosLike());
        return halve;
    }

    /**
     * Keeps only some examples (those still attacked), in the given order.
     *
     * @param rows the positions of the examples to keep
     */
    void keepRows(NDIndex rows) {
        last = replace(last, rows);
        best = replace(best, rows);
        increases = replace(increases, rows);
        bestAtCheckpoint = replace(bestAtCheckpoint, rows);
        halvedAtCheckpoint = replace(halvedAtCheckpoint, rows);
    }

    private NDArray replace(NDArray old, NDIndex rows) {
        NDArray kept = keep(old.get(rows));
        old.close();
        return kept;
    }

    /** @return the best objective seen so far per example [n] */
    NDArray best() {
        return best;
    }

    private NDArray keep(NDArray a) {
        a.attach(manager);
        return a;
    }
}
