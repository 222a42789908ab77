package io.github.isce4j.attack;

import com.google.gson.annotations.SerializedName;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.Ids;

import java.util.Random;

/**
 * The threat models: L2 (over all C·H·W values of one image) and L∞. Each knows its steepest
 * ascent step, its projection onto the ε-ball and how to draw a uniform random start in it.
 */
public enum Norm {
    /** Euclidean norm over the whole image. */
    @SerializedName("l2")
    L2("l2") {
        @Override
        NDArray step(NDArray gradient) {
            return gradient.div(perImage(gradient).add(1e-12f));
        }

        @Override
        NDArray project(NDArray delta, double eps) {
            NDArray factor = perImage(delta).add(1e-12f).pow(-1).mul((float) eps).minimum(1f);
            return delta.mul(factor);
        }

        @Override
        NDArray uniformStart(NDManager manager, Shape shape, double eps, Random random) {
            // Uniform in the ball: a uniform direction times radius eps·U^(1/d).
            NDArray direction = manager.create(gaussian(shape.size(), random), shape);
            direction = direction.div(perImage(direction));
            long d = shape.size() / shape.get(0);
            float[] radius = new float[(int) shape.get(0)];
            for (int i = 0; i < radius.length; i++) {
                radius[i] = (float) (eps * Math.pow(random.nextDouble(), 1.0 / d));
            }
            return direction.mul(manager.create(radius).reshape(broadcastShape(shape)));
        }

        private NDArray perImage(NDArray a) {
            Shape s = a.getShape();
            return a.reshape(s.get(0), -1).norm(new int[] {1}).reshape(broadcastShape(s));
        }
    },
    /** Largest absolute pixel change. */
    @SerializedName("linf")
    LINF("linf") {
        @Override
        NDArray step(NDArray gradient) {
            return gradient.sign();
        }

        @Override
        NDArray project(NDArray delta, double eps) {
            return delta.clip(-eps, eps);
        }

        @Override
        NDArray uniformStart(NDManager manager, Shape shape, double eps, Random random) {
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * eps);
            }
            return manager.create(values, shape);
        }
    };

    private final String id;

    Norm(String id) {
        this.id = id;
    }

    /** @return "l2" or "linf" */
    public String id() {
        return id;
    }

    /** @return "L2" or "L∞", for tables */
    public String symbol() {
        return this == L2 ? "L2" : "L∞";
    }

    /** @return the unit-size steepest-ascent direction for this norm, per image */
    abstract NDArray step(NDArray gradient);

    /** @return delta projected onto the ε-ball, per image */
    abstract NDArray project(NDArray delta, double eps);

    /** @return a random perturbation uniform in the ε-ball, per image */
    abstract NDArray uniformStart(NDManager manager, Shape shape, double eps, Random random);

    /**
     * @param name "l2" or "linf"
     * @return the norm
     */
    public static Norm parse(String name) {
        return Ids.parse(values(), Norm::id, name, "norm", "l2 or linf");
    }

    private static Shape broadcastShape(Shape s) {
        long[] dims = new long[s.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = s.get(0);
        return new Shape(dims);
    }

    private static float[] gaussian(long n, Random random) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
