package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import io.github.isce4j.model.Scalar;

/**
 * The smallest step, in L2 or L∞, from a point onto a hyperplane without leaving the [0, 1] box:
 * per row, d minimising ‖d‖ subject to w·d = c and 0 ≤ p + d ≤ 1 (docs/method.md, FAB).
 *
 * <p>Turning w and c so that c ≥ 0, every coordinate moves in the direction of its w_i, by at most
 * its room r_i (1 − p_i upwards, p_i downwards). The optimum has one scalar s ≥ 0:
 * <ul>
 * <li>L2: d_i = w_i·min(s, r_i/|w_i|) (the plain projection, each coordinate cut at the box);
 * <li>L∞: d_i = sign(w_i)·min(s, r_i) (every free coordinate moves by the same s).
 * </ul>
 * Both are h(s) = Σ a_i·min(s, t_i) = c with a_i = w_i², t_i = r_i/|w_i| (L2) or a_i = |w_i|,
 * t_i = r_i (L∞). h is piecewise linear and increasing, so after sorting the breakpoints t the
 * segment holding c is found by counting the breakpoints where h is still below c, and s is exact
 * on that segment. When even the whole box cannot reach the plane, every coordinate moves as far as
 * its room allows (the closest the box gets). Batched: one sort per call for all rows.
 */
final class BoundaryProjection {

    private BoundaryProjection() {}

    /**
     * @param norm L2 or L∞
     * @param points p [R, D] in [0, 1]
     * @param normals w [R, D]
     * @param offsets c [R]: the plane is w·(p + d) = w·p + c
     * @return the steps d [R, D]
     */
    static NDArray project(Norm norm, NDArray points, NDArray normals, NDArray offsets) {
        long dims = points.getShape().get(1);
        // Flipping w and c together describes the same plane, with c ≥ 0.
        NDArray flip = offsets.gte(Scalar.of(offsets, 0))
                .toType(DataType.FLOAT32, false)
                .mul(Scalar.of(offsets, 2))
                .sub(Scalar.of(offsets, 1))
                .reshape(-1, 1);
        NDArray w = normals.mul(flip);
        NDArray c = offsets.abs().reshape(-1, 1);
        NDArray up = w.gt(Scalar.of(w, 0));
        NDArray room = NDArrays.where(up, points.neg().add(Scalar.of(points, 1)), points)
                .maximum(Scalar.of(points, 0));
        NDArray size = w.abs();
        NDArray moving = size.gt(Scalar.of(size, 0)).toType(DataType.FLOAT32, false);
        NDArray a;
        NDArray t;
        if (norm == Norm.L2) {
            a = size.square();
            // A coordinate with w_i = 0 never moves: a_i = 0 makes its breakpoint irrelevant.
            t = room.div(size.add(moving.neg().add(Scalar.of(moving, 1)))).mul(moving);
        } else {
            a = size;
            t = room.mul(moving);
        }
        NDArray order = t.argSort(1);
        NDArray ts = t.gather(order, 1);
        NDArray as = a.gather(order, 1);
        NDArray reached = as.mul(ts).cumSum(1); // Σ_{k≤j} a_k t_k
        NDArray cumulative = as.cumSum(1);
        NDArray rest = cumulative.get(":, -1:").sub(cumulative); // Σ_{k>j} a_k
        NDArray h = reached.add(ts.mul(rest)); // h(t_j)
        NDArray below = h.lt(c).sum(new int[] {1}, true); // breakpoints where h < c, [R, 1]
        NDArray j = below.minimum(Scalar.of(below, dims - 1));
        NDArray aj = as.gather(j, 1);
        NDArray tj = ts.gather(j, 1);
        NDArray before = reached.gather(j, 1).sub(aj.mul(tj)); // h(t_{j−1}) without the slope
        NDArray slope = rest.gather(j, 1).add(aj); // Σ_{k≥j} a_k
        NDArray s = c.sub(before).div(slope.maximum(Scalar.of(slope, Float.MIN_NORMAL)));
        // Unreachable plane: all the way to the box in every moving coordinate.
        NDArray s2 = NDArrays.where(below.eq(Scalar.of(below, dims)), ts.get(":, -1:"), s);
        NDArray step = t.minimum(s2);
        NDArray d = norm == Norm.L2 ? w.mul(step) : w.sign().mul(step);
        return d;
    }
}
