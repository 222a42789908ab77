package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Function;

/**
 * The seam every part of isce4j meets at: images in [0, 1] NCHW float32 in, logits and deployed
 * probabilities out, input gradients on demand. A trained run, a TorchScript file and a defended
 * model are all Classifiers; attacks and evaluations never know which.
 *
 * <p>Results are attached to the manager of the input array, so a per-batch manager frees them.
 */
public interface Classifier extends AutoCloseable {

    /**
     * Wraps a trained DJL model whose block maps [0, 1] NCHW float32 images to raw logits, with
     * plain softmax as its decision rule. Any normalisation the model needs must be inside the
     * block, so that attacks perturb [0, 1] pixels.
     *
     * @param model the model; it stays the caller's to close
     * @param numClasses K, the width of the logits
     * @return the classifier
     * @throws IllegalArgumentException when the block is not initialised or K &lt; 2
     */
    static Classifier of(ai.djl.Model model, int numClasses) {
        return of(model, numClasses, DecisionRule.SOFTMAX);
    }

    /**
     * @param model the model; it stays the caller's to close
     * @param numClasses K
     * @param rule how the logits become the deployed output (e.g. I-SCE's boosted softmax)
     * @return the classifier
     */
    static Classifier of(ai.djl.Model model, int numClasses, DecisionRule rule) {
        return new BlockClassifier(
                model.getBlock(), model.getNDManager(), numClasses, rule, "DJL model " + model.getName());
    }

    /**
     * Wraps an initialised DJL block (e.g. a {@code SequentialBlock} trained with DJL's own
     * {@code Trainer}) that maps [0, 1] NCHW float32 images to raw logits.
     *
     * @param block the block; it stays the caller's
     * @param manager a manager of the block's parameters' lifetime, for the classifier's own state
     * @param numClasses K
     * @param rule the decision rule
     * @return the classifier
     */
    static Classifier of(ai.djl.nn.Block block, ai.djl.ndarray.NDManager manager, int numClasses, DecisionRule rule) {
        return new BlockClassifier(
                block,
                manager,
                numClasses,
                rule,
                "DJL block " + block.getClass().getSimpleName());
    }

    /** @return number of classes K */
    int numClasses();

    /** @return one line naming what this classifier is, for reports */
    String description();

    /** @return the rule mapping raw logits to the deployed output */
    DecisionRule decisionRule();

    /**
     * @param images [N, C, H, W] in [0, 1]
     * @return raw logits z [N, K] in inference mode (BatchNorm uses running statistics)
     */
    NDArray logits(NDArray images);

    /**
     * @param images [N, C, H, W] in [0, 1]
     * @return the logits whose softmax is the deployed output [N, K]: what a score-based black-box
     *     attacker observes, before float32 rounds confident probabilities to exactly 0 and 1
     */
    default NDArray deployedLogits(NDArray images) {
        return decisionRule().deployedLogits(logits(images));
    }

    /**
     * @param images [N, C, H, W] in [0, 1]
     * @return the deployed probabilities [N, K]
     */
    default NDArray probabilities(NDArray images) {
        return deployedLogits(images).softmax(1);
    }

    /**
     * @param images [N, C, H, W] in [0, 1]
     * @return predicted classes argmax z, int64 [N]
     */
    default NDArray predict(NDArray images) {
        return logits(images).argMax(1);
    }

    /**
     * Whether the classifier draws randomness when it predicts (a randomized defense), so that two
     * predictions of the same image may differ. An evaluation then fixes the draws per image with
     * {@link #predict(NDArray, long[])}, so that a clean and an attacked prediction differ only
     * by what the attack changed.
     *
     * @return false for a deterministic classifier (the default)
     */
    default boolean randomized() {
        return false;
    }

    /**
     * Predictions whose random choices, if the classifier makes any, are fixed per image: image i
     * draws from {@code draws[i]} alone, so the same image with the same draw gets the same answer.
     * A deterministic classifier ignores the draws.
     *
     * @param images [N, C, H, W] in [0, 1]
     * @param draws one seed per image, [N]
     * @return predicted classes argmax z, int64 [N]
     */
    default NDArray predict(NDArray images, long[] draws) {
        return predict(images);
    }

    /**
     * Runs the classifier with autograd and returns the input gradients of objectives of its
     * logits. Parameters get no gradients from this call, so it can run between training steps.
     *
     * <p>An implementation should compute them with
     * {@link InputGradients#compute(NDArray, java.util.function.UnaryOperator, Function, ai.djl.nn.ParameterList)},
     * passing the model's parameters, after {@link ConvolutionCheck#requireExactPlainConvolutions}
     * when the model has convolutions other than isce4j's {@link WideConvolution}: that refuses them
     * where this CPU's oneDNN computes their input gradients wrong ({@link OneDnnCap}), while
     * isce4j's own convolutions are checked against float64 per shape ({@link ConvolutionCheck}).
     * A NaN or infinite gradient stops the pass ({@link NonFiniteGradient}).
     *
     * @param images [N, C, H, W] in [0, 1]; not modified
     * @param objectives maps the logits [N, K] to one or more per-example objectives, each [N]
     * @return the logits, the objective values and one input gradient per objective
     * @throws ConvolutionCheck.WrongGradients where this machine's convolution input gradients
     *     are wrong
     * @throws NonFiniteGradient where a gradient has a NaN or infinite entry
     */
    InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives);

    /**
     * The gradient of a per-example loss with respect to the input images.
     *
     * @param images [N, C, H, W] in [0, 1]; not modified
     * @param labels int64 [N], the labels the loss is taken against
     * @param loss which loss
     * @return the logits, the per-example losses and d(sum of losses)/d(images)
     */
    default InputGradients inputGradient(NDArray images, NDArray labels, InputLoss loss) {
        return inputGradients(images, z -> new NDList(loss.perExample(z, decisionRule(), labels)));
    }

    /**
     * Whether {@link #inputGradients} already returns the exact expectation of the gradients over
     * every random choice the classifier makes, so that averaging repeated calls (expectation over
     * transformation, EOT) would only repeat the same numbers. True for deterministic models and
     * for defenses that average over all their randomness themselves; false (the default) when
     * nothing is known, e.g. for a TorchScript module that may draw randomness inside.
     *
     * @return whether one gradient call is the expectation
     */
    default boolean exactExpectedGradients() {
        return false;
    }

    @Override
    void close();
}
