package io.github.isce4j.model;

import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.function.Function;

/** A {@link Network} with trained parameters plus its decision rule. */
public final class NetworkClassifier implements Classifier {

    private final Model model;
    private final Network network;
    private final DecisionRule rule;
    private final int numClasses;
    private final String description;
    private final ParameterStore store;

    /**
     * @param model the DJL model holding the network's parameters; closed with this classifier
     * @param rule the deployed decision rule
     * @param numClasses K
     * @param description one line for reports
     */
    public NetworkClassifier(Model model, DecisionRule rule, int numClasses, String description) {
        this.model = model;
        this.network = (Network) model.getBlock();
        this.rule = rule;
        this.numClasses = numClasses;
        this.description = description;
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    /** @return the DJL model owning the parameters */
    public Model model() {
        return model;
    }

    /** @return the underlying network */
    public Network network() {
        return network;
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
        try {
            return network.forward(store, new NDList(images), false).head();
        } catch (EngineException e) {
            // e.g. a config.json naming CIFAR-10 for parameters trained on MNIST: one line, not libtorch's trace
            throw new IllegalArgumentException(
                    description + " fails on images of shape " + images.getShape() + " ("
                            + TorchScriptClassifier.lastLine(e)
                            + "); its config.json must name the dataset and model its parameters were trained for",
                    e);
        }
    }

    @Override
    public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
        return InputGradients.compute(images, this::logits, objectives, network.getParameters());
    }

    /** {@inheritDoc} Here inference mode: no dropout, BatchNorm on running statistics. */
    @Override
    public boolean exactExpectedGradients() {
        return true;
    }

    @Override
    public void close() {
        model.close();
    }
}
