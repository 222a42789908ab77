package io.github.isce4j.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.ParameterStore;
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
     * Loads the module and runs it once on a probe batch of the dataset's image shape, so a module
     * that cannot take those images, or whose logits are not finite float32 [N, K], is refused
     * here with one line instead of failing, or silently scoring NaN, in the middle of a run.
     *
     * @param file a TorchScript .pt file
     * @param numClasses K
     * @param imageShape one image, [C, H, W], as the dataset stores it
     * @return the classifier; the caller closes it
     * @throws IllegalArgumentException if the file is not TorchScript or fails the probe
     */
    public static TorchScriptClassifier load(Path file, int numClasses, Shape imageShape) {
        return load(file, numClasses, imageShape, 2);
    }

    /**
     * As {@link #load(Path, int, Shape)}, probing with a full batch of the size the evaluation will
     * use, so that a module that fails only on larger batches is refused here too.
     *
     * @param file a TorchScript .pt file
     * @param numClasses K
     * @param imageShape one image, [C, H, W], as the dataset stores it
     * @param batchSize the images per batch the caller will pass; the probe takes at least 2
     * @return the classifier; the caller closes it
     * @throws IllegalArgumentException if the file is not TorchScript or fails the probe
     */
    public static TorchScriptClassifier load(Path file, int numClasses, Shape imageShape, int batchSize) {
        TorchScriptClassifier classifier = load(file, numClasses);
        try {
            classifier.probe(imageShape, Math.max(2, batchSize));
            return classifier;
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    private static TorchScriptClassifier load(Path file, int numClasses) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    file + " does not exist; pass a TorchScript .pt file or a run directory");
        }
        Model model = Model.newInstance("torchscript", "PyTorch");
        try {
            Path absolute = file.toAbsolutePath();
            String name = absolute.getFileName().toString();
            // Trainable (non-inference) parameter tensors: autograd may not save inference tensors.
            model.load(
                    absolute.getParent(),
                    name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name,
                    java.util.Map.of("trainParam", "true"));
            return new TorchScriptClassifier(model, numClasses, "TorchScript " + file.getFileName());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException(
                    "cannot load " + file + " as TorchScript (" + e.getMessage()
                            + "); save it with torch.jit.save(torch.jit.script(model), path)",
                    e);
        }
    }

    /** Runs a batch of {@code size} images (the first half all 0.25, the rest all 0.75) and checks what comes back. */
    private void probe(Shape imageShape, int size) {
        Shape batch = new Shape(size, imageShape.get(0), imageShape.get(1), imageShape.get(2));
        try (NDManager m = model.getNDManager().newSubManager()) {
            Shape half = new Shape(size / 2, imageShape.get(0), imageShape.get(1), imageShape.get(2));
            Shape rest = new Shape(size - size / 2, imageShape.get(0), imageShape.get(1), imageShape.get(2));
            NDArray x = m.full(half, 0.25f).concat(m.full(rest, 0.75f));
            NDArray z;
            try {
                z = model.getBlock().forward(store, new NDList(x), false).head();
            } catch (RuntimeException e) {
                throw failed(batch, e);
            }
            checked(z);
            if (!z.isInfinite().logicalOr(z.isNaN()).any().getBoolean()) {
                return;
            }
            throw new IllegalArgumentException(
                    description + " returned non-finite logits (NaN or infinity) on a probe batch of "
                            + shapeText(batch) + " images; evaluating it would report meaningless accuracies");
        }
    }

    private static String shapeText(Shape s) {
        if (s.dimension() != 4) {
            return s.toString();
        }
        return "[N, " + s.get(1) + ", " + s.get(2) + ", " + s.get(3) + "]";
    }

    /** @return the last non-blank line of the error, where TorchScript puts the actual complaint */
    static String lastLine(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        String last = "";
        for (String line : message.split("\\R")) {
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        return last.length() > 200 ? last.substring(0, 200) + "…" : last;
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
        try {
            return checked(
                    model.getBlock().forward(store, new NDList(images), false).head());
        } catch (EngineException e) {
            throw failed(images.getShape(), e);
        }
    }

    /** @return one line naming the module, the batch's shape and libtorch's complaint (its last line) */
    private IllegalArgumentException failed(Shape batch, RuntimeException e) {
        return new IllegalArgumentException(
                description + " fails on images of shape " + shapeText(batch) + " with N = " + batch.get(0) + " ("
                        + lastLine(e) + "); the module must take [N, C, H, W] = " + shapeText(batch)
                        + " images in [0, 1] for any N and return [N, " + numClasses + "] float32 logits",
                e);
    }

    private NDArray checked(NDArray z) {
        if (z.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(description + " returned "
                    + z.getDataType().name().toLowerCase(java.util.Locale.ROOT) + " logits, expected float32 [N, "
                    + numClasses + "]; return raw float logits from forward");
        }
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != numClasses) {
            throw new IllegalArgumentException(description + " returned shape " + z.getShape() + ", expected [N, "
                    + numClasses + "] logits; the module must map [N, C, H, W] images in [0, 1] to logits");
        }
        return z;
    }

    @Override
    public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
        PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
        // Puts the module in eval mode (running BatchNorm statistics). Two images, not one: libtorch
        // asks NNPACK about single-image convolutions and prints a warning each time it cannot use it.
        logits(images.get(images.getShape().get(0) > 1 ? "0:2" : "0:1"));
        ConvolutionCheck.requireExactPlainConvolutions("the TorchScript model");
        // DJL's inference path runs under a no-grad guard; calling the module's method with the
        // training flag keeps autograd on while the module itself stays in eval mode.
        try {
            return InputGradients.compute(
                    images,
                    x -> checked(IValueUtils.forward(block, new NDList(x), true).head()),
                    objectives,
                    block.getParameters());
        } catch (EngineException e) {
            throw failed(images.getShape(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
