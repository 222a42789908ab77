package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A scalar operand for NDArray arithmetic, in memory libtorch owns. Use {@code x.mul(Scalar.of(x,
 * 2.5f))}, never {@code x.mul(2.5f)}: DJL 0.36 turns a {@code Number} operand into a 0-d tensor
 * over a Java direct buffer ({@code torch::from_blob}) and closes it right after the operation,
 * while autograd keeps that tensor for the backward pass (a product saves its other factor). The
 * first garbage collection in between frees the buffer, and the backward pass then multiplies by
 * freed memory: a silently wrong gradient. libtorch's own tensor lives as long as any graph holds
 * it. docs/performance.md tells the whole story; {@code NumberOperandBanTest} keeps the
 * {@code Number} overloads out of the packages that compute gradients.
 */
public final class Scalar {

    private Scalar() {}

    /**
     * @param like an array whose manager and device the scalar joins (its manager only frees the
     *     Java handle: the graph keeps its own reference to the tensor)
     * @param value the scalar; its Java type picks the data type as DJL's {@code create(Number)}
     *     does ({@code float} float32, {@code double} float64, {@code int} int32, {@code long}
     *     int64), so results keep the types they had with the {@code Number} overloads
     * @return a 0-d array holding {@code value}
     */
    public static NDArray of(NDArray like, Number value) {
        return of(like.getManager(), value);
    }

    /**
     * @param manager the manager the scalar joins (it only frees the Java handle)
     * @param value the scalar, typed as in {@link #of(NDArray, Number)}
     * @return a 0-d array holding {@code value} on the manager's device
     */
    public static NDArray of(NDManager manager, Number value) {
        return JniUtils.full(
                (PtNDManager) manager,
                new Shape(),
                value.doubleValue(),
                typeOf(value),
                manager.getDevice(),
                SparseFormat.DENSE);
    }

    private static DataType typeOf(Number value) {
        if (value instanceof Float) {
            return DataType.FLOAT32;
        }
        if (value instanceof Double) {
            return DataType.FLOAT64;
        }
        if (value instanceof Integer) {
            return DataType.INT32;
        }
        if (value instanceof Long) {
            return DataType.INT64;
        }
        throw new IllegalArgumentException("a scalar operand must be a float, double, int or long, got "
                + value.getClass().getSimpleName());
    }
}
