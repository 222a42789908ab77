package io.github.isce4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) over a fixed list of parameters, with its moment estimates kept so a
 * checkpoint can save and restore them exactly. Each step is one fused native update per
 * parameter, which also clears that parameter's gradient.
 */
public final class Adam {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<Parameter> parameters;
    private final float learningRate;
    private final NDArray[] means;
    private final NDArray[] variances;
    private int steps;

    /**
     * @param parameters the trainable parameters, in a stable order
     * @param learningRate the step size
     */
    public Adam(List<Parameter> parameters, float learningRate) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        this.means = new NDArray[parameters.size()];
        this.variances = new NDArray[parameters.size()];
        for (int i = 0; i < means.length; i++) {
            NDArray w = this.parameters.get(i).getArray();
            means[i] = w.zerosLike();
            variances[i] = w.zerosLike();
        }
    }

    /** Applies one update from the gradients accumulated since the last step. */
    public void step() {
        steps++;
        double coef1 = 1.0 - Math.pow(BETA1, steps);
        double coef2 = 1.0 - Math.pow(BETA2, steps);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        for (int i = 0; i < means.length; i++) {
            NDArray w = parameters.get(i).getArray();
            try (NDArray grad = w.getGradient()) {
                w.getNDArrayInternal()
                        .adamUpdate(
                                new NDList(w, grad, means[i], variances[i]),
                                new NDList(w),
                                learningRate,
                                corrected,
                                0f,
                                1f,
                                -1f,
                                BETA1,
                                BETA2,
                                EPSILON,
                                true,
                                false);
            }
        }
    }

    /** @return the parameters this optimiser updates, in its order */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** @return updates applied so far */
    public int steps() {
        return steps;
    }

    /**
     * @param out where the step count and moment estimates go
     * @throws IOException when writing fails
     */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(steps);
        out.writeInt(means.length);
        for (int i = 0; i < means.length; i++) {
            writeArray(out, means[i]);
            writeArray(out, variances[i]);
        }
    }

    /**
     * @param in a stream written by {@link #save}
     * @throws IOException when reading fails or the state does not fit these parameters
     */
    public void load(DataInputStream in) throws IOException {
        steps = in.readInt();
        int n = in.readInt();
        if (n != means.length) {
            throw new IOException("optimizer state has " + n + " parameters, model has " + means.length);
        }
        for (int i = 0; i < n; i++) {
            copyInto(in, means[i]);
            copyInto(in, variances[i]);
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void copyInto(DataInputStream in, NDArray target) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        try (NDManager scratch = target.getManager().newSubManager();
                NDArray saved = scratch.decode(bytes)) {
            if (!saved.getShape().equals(target.getShape())) {
                throw new IOException(
                        "optimizer state shape " + saved.getShape() + " does not fit " + target.getShape());
            }
            target.set(saved.toByteBuffer());
        }
    }
}
