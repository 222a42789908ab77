package io.github.isce4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One forward pass with autograd: the logits, the per-example values of the objectives an attack
 * asked for, and the gradient of each objective's batch sum with respect to the images. Because
 * the model runs in inference mode, examples do not interact, so each gradient row is that
 * example's own gradient.
 *
 * @param logits raw logits z [N, K], detached
 * @param values one [N] array per objective, detached
 * @param gradients one [N, C, H, W] array per objective, finite (a NaN or infinite entry stops the
 *     pass with a {@link NonFiniteGradient})
 */
public record InputGradients(NDArray logits, NDList values, NDList gradients) {

    /** @return the first objective's values [N] */
    public NDArray value() {
        return values.get(0);
    }

    /** @return the first objective's input gradient [N, C, H, W] */
    public NDArray gradient() {
        return gradients.get(0);
    }

    /**
     * {@link #compute(NDArray, UnaryOperator, Function)} for a model with parameters: those that
     * require gradients are frozen for the pass, so it spends no backward work on weight gradients
     * and leaves none behind for a trainer to mistake for its own.
     *
     * @param images [N, C, H, W]; not modified
     * @param forward images to raw logits, differentiable
     * @param objectives logits to per-example objectives
     * @param parameters the model's parameters
     * @return logits, values and gradients, attached to the images' manager
     * @throws NonFiniteGradient when a gradient has a NaN or infinite entry
     */
    public static InputGradients compute(
            NDArray images,
            UnaryOperator<NDArray> forward,
            Function<NDArray, NDList> objectives,
            ParameterList parameters) {
        List<NDArray> trainable = parameters.values().stream()
                .map(Parameter::getArray)
                .filter(NDArray::hasGradient)
                .collect(Collectors.toList());
        trainable.forEach(a -> a.setRequiresGradient(false));
        try {
            return compute(images, forward, objectives);
        } finally {
            trainable.forEach(a -> a.setRequiresGradient(true));
        }
    }

    /**
     * For custom classifiers: records {@code forward} on a fresh copy of the images and back-propagates each objective in
     * turn over the same graph, so R objectives cost one forward and R backward passes. It cannot see
     * the model's convolutions: a forward with convolutions other than {@link WideConvolution}s should
     * call {@link ConvolutionCheck#requireExactPlainConvolutions} first, which refuses where oneDNN
     * computes them wrong.
     *
     * @param images [N, C, H, W]; not modified
     * @param forward images to raw logits, differentiable
     * @param objectives logits to per-example objectives
     * @return logits, values and gradients, attached to the images' manager
     * @throws NonFiniteGradient when a gradient has a NaN or infinite entry
     */
    public static InputGradients compute(
            NDArray images, UnaryOperator<NDArray> forward, Function<NDArray, NDList> objectives) {
        NDArray x = images.duplicate();
        x.setRequiresGradient(true);
        InputGradients result;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray z = forward.apply(x);
            NDList values = objectives.apply(z);
            NDList gradients = new NDList(values.size());
            for (int i = 0; i < values.size(); i++) {
                NDArray sum = values.get(i).sum();
                boolean more = i + 1 < values.size();
                // keepGraph lets the next objective reuse this forward pass.
                JniUtils.backward((PtNDArray) sum, (PtNDArray) sum.onesLike(), more, false);
                NDArray g = x.getGradient();
                NonFiniteGradient.requireFiniteRows(
                        g,
                        values.size() == 1
                                ? "the input gradient"
                                : "the input gradient of objective " + (i + 1) + " of " + values.size());
                gradients.add(more ? g.duplicate() : g);
                if (more) {
                    JniUtils.zeroGrad((PtNDArray) x);
                }
            }
            NDList detached = new NDList(values.size());
            values.forEach(v -> detached.add(v.stopGradient()));
            result = new InputGradients(z.stopGradient(), detached, gradients);
        }
        // Every convolution this pass ran is now known: refuse rather than return wrong gradients.
        ConvolutionCheck.verify();
        return result;
    }
}
