package io.github.isce4j.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import java.util.function.Function;

/**
 * Any initialised DJL {@link Block} that maps [0, 1] NCHW float32 images to logits [N, K], as a
 * {@link Classifier}. The caller keeps ownership of the block: closing this classifier frees only
 * its own parameter store.
 */
final class BlockClassifier implements Classifier {

    private final Block block;
    private final int numClasses;
    private final DecisionRule rule;
    private final String description;
    private final NDManager manager;
    private final ParameterStore store;

    BlockClassifier(Block block, NDManager parameters, int numClasses, DecisionRule rule, String description) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "the block is not initialised: call block.initialize(...) or load its " + "parameters first");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        this.block = block;
        this.numClasses = numClasses;
        this.rule = rule;
        this.description = description;
        this.manager = parameters.newSubManager();
        this.store = new ParameterStore(manager, false);
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public DecisionRule decisionRule() {
        return rule;
    }

    @Override
    public NDArray logits(NDArray images) {
        NDArray z;
        try {
            z = block.forward(store, new NDList(images), false).head();
        } catch (EngineException e) {
            throw new IllegalArgumentException(
                    description + " fails on images of shape " + images.getShape() + " ("
                            + TorchScriptClassifier.lastLine(e) + ")",
                    e);
        }
        return checked(images, z);
    }

    @Override
    public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
        if (plainConvolutions(block)) {
            ConvolutionCheck.requireExactPlainConvolutions("the block");
        }
        return InputGradients.compute(images, this::logits, objectives, block.getParameters());
    }

    /**
     * @return whether the block may run convolutions that isce4j does not pad: a convolution other
     *     than a {@link WideConvolution}, or a filter bank (a parameter of three or more dimensions)
     *     in a block of unknown kind
     */
    static boolean plainConvolutions(Block b) {
        if (b instanceof WideConvolution) {
            return false;
        }
        if (b instanceof Convolution
                || b.getDirectParameters().values().stream()
                        .anyMatch(p -> p.getArray().getShape().dimension() >= 3)) {
            return true;
        }
        return b.getChildren().values().stream().anyMatch(BlockClassifier::plainConvolutions);
    }

    /** A block that returns something other than [N, K] floating-point logits is refused, not misread. */
    private NDArray checked(NDArray images, NDArray z) {
        long n = images.getShape().get(0);
        if (z.getShape().dimension() != 2
                || z.getShape().get(0) != n
                || z.getShape().get(1) != numClasses) {
            throw new IllegalStateException(description + " returned an array of shape " + z.getShape() + " for " + n
                    + " images; a classifier must return logits [N, " + numClasses + "]");
        }
        if (z.getDataType() != DataType.FLOAT32 && z.getDataType() != DataType.FLOAT64) {
            throw new IllegalStateException(
                    description + " returned " + z.getDataType() + " logits; a classifier must return float32 logits");
        }
        return z;
    }

    /** {@inheritDoc} Here inference mode: no dropout, BatchNorm on running statistics. */
    @Override
    public boolean exactExpectedGradients() {
        return true;
    }

    @Override
    public void close() {
        manager.close();
    }
}
