package io.github.isce4j.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.ParameterStore;
import io.github.isce4j.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A PyTorch TorchScript module, saved with {@code torch.jit.save}, that maps [0, 1] NCHW images
 * to raw logits; its deployed output is a plain softmax. Any normalisation must live inside the
 * module.
 *
 * <p>Input gradients run the module in eval mode with autograd on (DJL's own inference path
 * disables autograd), so BatchNorm and dropout behave as at inference.
 */
public final class TorchScriptClassifier implements Classifier {

    private final Model model;
    private final ParameterStore store;
    private final int numClasses;
    private final String description;

    private TorchScriptClassifier(Model model, int numClasses, String description) {
        this.model = model;
        this.store = new ParameterStore(model.getNDManager(), false);
        this.numClasses = numClasses;
        this.description = description;
    }

    /**
     * @param file a TorchScript .pt file
     * @param numClasses K, checked against the module's output on first use
     * @return the classifier; the caller closes it
     */
    public static TorchScriptClassifier load(Path file, int numClasses) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + " does not exist; pass a TorchScript .pt file or a run directory");
        }
        Model model = Model.newInstance("torchscript", "PyTorch");
        try {
            Path absolute = file.toAbsolutePath();
            String name = absolute.getFileName().toString();
            // Trainable (non-inference) parameter tensors: autograd may not save inference tensors.
            model.load(absolute.getParent(), name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name,
                    java.util.Map.of("trainParam", "true"));
            return new TorchScriptClassifier(model, numClasses, "TorchScript " + file.getFileName());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new UserError("cannot load " + file + " as TorchScript (" + e.getMessage()
                    + "); save it with torch.jit.save(torch.jit.script(model), path)", e);
        }
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
        return DecisionRule.SOFTMAX;
    }

    @Override
    public NDArray logits(NDArray images) {
        return checked(model.getBlock().forward(store, new NDList(images), false).head());
    }

    private NDArray checked(NDArray z) {
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != numClasses) {
            throw new UserError(description + " returned shape " + z.getShape() + ", expected [N, " + numClasses
                    + "] logits; the module must map [N, C, H, W] images in [0, 1] to logits");
        }
        return z;
    }

    @Override
    public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
        ConvolutionCheck.verify();
        PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
        logits(images.get("0:1")); // puts the module in eval mode (running BatchNorm statistics)
        // DJL's inference path runs under a no-grad guard; calling the module's method with the
        // training flag keeps autograd on while the module itself stays in eval mode.
        return InputGradients.compute(images,
                x -> checked(IValueUtils.forward(block, new NDList(x), true).head()), objectives, block.getParameters());
    }

    @Override
    public void close() {
        model.close();
    }
}
