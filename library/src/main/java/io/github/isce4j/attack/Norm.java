package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.annotations.SerializedName;
import io.github.isce4j.Ids;
import io.github.isce4j.InvalidSetting;
import io.github.isce4j.model.Scalar;
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
            // In float64: a finite float32 gradient of a model with huge logits (1e30 per pixel) has
            // a float32 ‖g‖ of ∞ and every step would be 0; float64 holds ‖g‖ of any float32 g.
            NDArray g = gradient.toType(DataType.FLOAT64, false);
            NDArray length = perImage(g);
            return g.div(length.add(Scalar.of(length, 1e-12))).toType(DataType.FLOAT32, false);
        }

        @Override
        NDArray project(NDArray delta, double eps) {
            NDArray length = perImage(delta);
            if (overflows(length)) {
                // ‖δ‖² left float32: compare eps with ‖δ‖ in units of the largest |δᵢ| instead,
                // where ‖δ/s‖ lies in [1, √d] and cannot overflow; eps = ∞ keeps δ whole.
                NDArray s = largest(delta);
                NDArray factor = s.pow(Scalar.of(s, -1))
                        .mul(Scalar.of(s, (float) eps))
                        .div(perImage(delta.div(s)).maximum(Scalar.of(s, 1f)))
                        .minimum(Scalar.of(s, 1f));
                return delta.mul(factor);
            }
            NDArray factor = length.add(Scalar.of(length, 1e-12f))
                    .pow(Scalar.of(length, -1))
                    .mul(Scalar.of(length, (float) eps))
                    .minimum(Scalar.of(length, 1f));
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

        /** @return the largest |aᵢ| per image, at least the smallest normal float so it divides */
        private NDArray largest(NDArray a) {
            Shape s = a.getShape();
            return a.abs()
                    .reshape(s.get(0), -1)
                    .max(new int[] {1})
                    .maximum(Scalar.of(a, Float.MIN_NORMAL))
                    .reshape(broadcastShape(s));
        }

        /** @return whether some per-image length overflowed float32 (its square passed 3.4e38) */
        private boolean overflows(NDArray length) {
            return length.isInfinite().any().getBoolean();
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
     * Refuses a radius or step that float32, the arithmetic of every attack, cannot hold: past
     * 3.4e38 it becomes infinite and ∞·0 turns untouched pixels into NaN.
     *
     * @param name the setting's name ("eps", "step_size")
     * @param value the value, already known to be finite and >= 0
     * @throws InvalidSetting if the value exceeds {@link Float#MAX_VALUE}
     */
    public static void requireFloat32(String name, double value) {
        InvalidSetting.require(
                !(value > Float.MAX_VALUE),
                name,
                "must be at most " + Float.MAX_VALUE + " (the float32 range the attacks compute in), got " + value);
    }

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
