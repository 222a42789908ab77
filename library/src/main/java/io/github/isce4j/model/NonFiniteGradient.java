package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * A gradient came out NaN or infinite: an attack or a training step that went on would report a
 * wrong robust accuracy or corrupt the model, so it stops instead, naming what and where. A
 * finite but wrong gradient cannot be caught this way; {@link Scalar} is what keeps native memory
 * under the graph alive.
 */
public final class NonFiniteGradient extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Images whose input gradient has a non-finite entry; 0 for a parameter gradient. */
    private final int images;

    private NonFiniteGradient(String message, int images) {
        super(message);
        this.images = images;
    }

    /** @return how many images have a non-finite input-gradient entry (0 for a parameter gradient) */
    public int images() {
        return images;
    }

    /**
     * @param where the batch, attack or epoch, for the message
     * @return this refusal with where it happened added to its message
     */
    public NonFiniteGradient at(String where) {
        NonFiniteGradient e = new NonFiniteGradient(getMessage() + " (" + where + ")", images);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /**
     * @param gradient input gradients [N, ...]
     * @param what the gradient, for the message
     * @throws NonFiniteGradient when an entry is NaN or infinite
     */
    static void requireFiniteRows(NDArray gradient, String what) {
        if (finite(gradient)) {
            return;
        }
        long n = gradient.getShape().get(0);
        int rows = (int) nonFinite(gradient.reshape(n, -1))
                .toType(DataType.INT32, false)
                .max(new int[] {1})
                .countNonzero()
                .getLong();
        if (rows > 0) {
            throw new NonFiniteGradient(
                    String.format(Locale.ROOT, "%s is not finite (NaN or infinite) for %d of %d images", what, rows, n),
                    rows);
        }
    }

    /**
     * @param gradient a parameter's gradient
     * @param what the parameter and the step, for the message
     * @throws NonFiniteGradient when an entry is NaN or infinite
     */
    public static void requireFinite(NDArray gradient, String what) {
        if (!finite(gradient) && nonFinite(gradient).any().getBoolean()) {
            throw new NonFiniteGradient(what + " is not finite (NaN or infinite)", 0);
        }
    }

    private static NDArray nonFinite(NDArray gradient) {
        return gradient.isNaN().logicalOr(gradient.isInfinite());
    }

    /**
     * One reduction, closed at once (a parameter's gradient belongs to the model's manager, which
     * would otherwise keep every step's sum): a NaN or infinite entry makes the sum non-finite, and
     * so may an overflow, which the callers recheck entry by entry.
     */
    private static boolean finite(NDArray gradient) {
        try (NDArray sum = gradient.sum()) {
            return Double.isFinite(((Number) sum.toArray()[0]).doubleValue());
        }
    }
}
