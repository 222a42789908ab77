package io.github.isce4j.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/**
 * Gradients of a scalar loss w.r.t. float64 logits, by autograd and by central finite
 * differences. Each evaluation gets fresh arrays in its own sub-manager, since the PyTorch
 * engine accumulates gradients across backward calls.
 */
final class GradientCheck {

    private GradientCheck() {}

    /** d loss / d z by DJL autograd, flattened row-major. */
    static double[] autograd(NDManager parent, Function<NDArray, NDArray> loss, double[][] z) {
        try (NDManager manager = parent.newSubManager()) {
            NDArray x = manager.create(z);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(loss.apply(x));
            }
            return x.getGradient().toDoubleArray();
        }
    }

    /** (L(z + h e_i) − L(z − h e_i)) / 2h for every coordinate i, flattened row-major. */
    static double[] central(NDManager parent, Function<NDArray, NDArray> loss, double[][] z, double h) {
        int k = z[0].length;
        double[] grad = new double[z.length * k];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < k; j++) {
                double saved = z[i][j];
                z[i][j] = saved + h;
                double plus = value(parent, loss, z);
                z[i][j] = saved - h;
                double minus = value(parent, loss, z);
                z[i][j] = saved;
                grad[i * k + j] = (plus - minus) / (2 * h);
            }
        }
        return grad;
    }

    /** The loss at z, as a double. */
    static double value(NDManager parent, Function<NDArray, NDArray> loss, double[][] z) {
        try (NDManager manager = parent.newSubManager()) {
            return loss.apply(manager.create(z)).toDoubleArray()[0];
        }
    }
}
