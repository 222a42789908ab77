package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.InputGradients;

import java.util.function.Function;

/**
 * A known-answer test classifier: logits = x·Wᵀ + b with weights the test sets. It has no
 * gradients (black-box attacks must not need them) and counts the images it is queried on.
 */
final class LinearClassifier implements Classifier {

    private final NDManager manager = NDManager.newBaseManager();
    private final NDArray weightsT;
    private final NDArray bias;
    private final int numClasses;
    private long queried;

    /**
     * @param weights W, row-major [K, D]
     * @param bias b [K]
     */
    LinearClassifier(float[] weights, float[] bias) {
        this.numClasses = bias.length;
        this.weightsT = manager.create(weights).reshape(numClasses, -1).transpose();
        this.bias = manager.create(bias);
    }

    /** @return images that went through {@link #probabilities} so far */
    long queried() {
        return queried;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public String description() {
        return "linear test classifier";
    }

    @Override
    public DecisionRule decisionRule() {
        return DecisionRule.SOFTMAX;
    }

    @Override
    public NDArray logits(NDArray images) {
        return images.reshape(images.getShape().get(0), -1).matMul(weightsT).add(bias);
    }

    @Override
    public NDArray probabilities(NDArray images) {
        queried += images.getShape().get(0);
        return Classifier.super.probabilities(images);
    }

    @Override
    public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
        throw new UnsupportedOperationException("a black-box attack asked for gradients");
    }

    @Override
    public void close() {
        manager.close();
    }
}
