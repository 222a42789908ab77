package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * DeepFool (Moosavi-Dezfooli et al. 2016), L2, untargeted, on the raw logits. At each iteration
 * every example linearises its logits and steps to the nearest linearised boundary among its
 * candidate classes: with f'_k = z_k − z_ŷ and w'_k = ∇z_k − ∇z_ŷ it takes
 * k* = argmin |f'_k| / ‖w'_k‖ and adds r = (|f'_k*| / ‖w'_k*‖ + 1e-4)·w'_k* / ‖w'_k*‖, the step to
 * that boundary and 1e-4 past it (the authors' padding, here a distance, so that it means the
 * same at any logit scale; computed in float64, where ‖w'‖ of a model with huge logits is finite). The accumulated
 * perturbation is scaled by (1 + overshoot), and an example stops as soon as its prediction
 * leaves its clean prediction ŷ.
 *
 * <p>Images live in the [0, 1] box, which the original ignores. Here the accumulated perturbation
 * keeps only what the box lets through, so the next linearisation happens where the image really
 * is. (Also dropping the gradient components that push a pixel already at 0 or 1 outwards
 * converges in fewer iterations but to perturbations 3–23 % larger on MNIST, a weaker attack; see
 * tools/crosscheck.)
 *
 * <p>Batched: one forward and one backward pass per candidate class per iteration, for all the
 * examples still running at once; finished examples drop out of the batch.
 */
public final class DeepFool implements Attack {

    private final DeepFoolSpec spec;

    /** @param spec the settings, already checked */
    public DeepFool(DeepFoolSpec spec) {
        this.spec = spec;
    }

    @Override
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
        NDManager caller = images.getManager();
        Shape shape = images.getShape();
        int n = (int) shape.get(0);
        int c = Math.min(spec.candidates(), classifier.numClasses());
        float scale = (float) (1 + spec.overshoot());
        int[] iterations = new int[n];
        NDArray adversarial;
        NDArray clean;
        try (NDManager work = caller.newSubManager()) {
            NDArray x0 = images.get(work, new NDIndex(":")).reshape(n, -1);
            NDArray logits0 = classifier.logits(x0.reshape(shape));
            // Candidate classes, most likely first; column 0 is the clean prediction ŷ.
            Running running = new Running(
                    x0,
                    x0.zerosLike(),
                    logits0.argSort(1, false).get(new NDIndex(":, 0:{}", c)),
                    work.arange(0, n, 1, DataType.INT64));
            clean = running.classes.get(":, 0");
            List<NDArray> doneIndex = new ArrayList<>();
            List<NDArray> doneDelta = new ArrayList<>();
            for (int it = 0; running.size() > 0; it++) {
                try (NDManager step = work.newSubManager()) {
                    running.attach(step);
                    NDArray x = running.delta
                            .mul(Scalar.of(running.delta, scale))
                            .add(running.x0)
                            .clip(0, 1)
                            .reshape(shapeOf(running.size(), shape));
                    boolean last = it == spec.maxIterations();
                    InputGradients g = null;
                    NDArray z;
                    if (last) {
                        z = classifier.logits(x);
                    } else {
                        NDArray cls = running.classes;
                        g = classifier.inputGradients(x, logits -> {
                            NDList per = new NDList(c);
                            for (int k = 0; k < c; k++) {
                                per.add(logits.gather(cls.get(new NDIndex(":, {}:{}", k, k + 1)), 1)
                                        .reshape(-1));
                            }
                            return per;
                        });
                        z = g.logits();
                    }
                    NDArray done = z.argMax(1).neq(running.classes.get(":, 0"));
                    if (last) {
                        done = done.onesLike().toType(DataType.BOOLEAN, false);
                    }
                    doneIndex.add(running.index.get(done));
                    doneDelta.add(running.delta.get(done));
                    NDArray keep = done.logicalNot();
                    Running next = running.select(keep);
                    if (next.size() > 0) {
                        for (long i : next.index.toLongArray()) {
                            iterations[(int) i]++;
                        }
                        next = next.step(z.get(keep), select(g.gradients(), keep), scale);
                    }
                    doneIndex.get(doneIndex.size() - 1).attach(work);
                    doneDelta.get(doneDelta.size() - 1).attach(work);
                    next.attach(work);
                    running = next;
                }
            }
            NDArray order = NDArrays.concat(new NDList(doneIndex)).argSort();
            NDArray delta = NDArrays.concat(new NDList(doneDelta)).get(order);
            adversarial = delta.mul(Scalar.of(delta, scale))
                    .add(images.get(work, new NDIndex(":")).reshape(n, -1))
                    .clip(0, 1)
                    .reshape(shape);
            adversarial.attach(caller);
            clean.attach(caller);
        }
        return AttackResult.measure(classifier, images, adversarial, clean, null, iterations);
    }

    private static NDList select(NDList gradients, NDArray keep) {
        NDList kept = new NDList(gradients.size());
        for (NDArray g : gradients) {
            NDArray rows = g.get(keep);
            kept.add(rows.reshape(rows.getShape().get(0), -1));
        }
        return kept;
    }

    private static Shape shapeOf(long n, Shape shape) {
        long[] dims = shape.getShape().clone();
        dims[0] = n;
        return new Shape(dims);
    }

    /**
     * The examples still running: clean images and perturbations flattened to [n, D], candidate
     * classes [n, c] and positions in the caller's batch.
     */
    private record Running(NDArray x0, NDArray delta, NDArray classes, NDArray index) {

        long size() {
            return index.getShape().get(0);
        }

        Running select(NDArray keep) {
            return new Running(x0.get(keep), delta.get(keep), classes.get(keep), index.get(keep));
        }

        /** One linearised step toward the nearest candidate boundary, for every example at once. */
        Running step(NDArray logits, NDList gradients, float scale) {
            // In float64: with huge logits (1e30) w is finite but ‖w‖² is not in float32, and the
            // step w·|f|/‖w‖² would be 0.
            NDArray z = logits.gather(classes, 1).toType(DataType.FLOAT64, false);
            NDArray f = z.get(":, 1:").sub(z.get(":, 0:1")); // [n, c-1]
            NDArray g = NDArrays.stack(gradients, 1).toType(DataType.FLOAT64, false); // [n, c, D]
            NDArray w = g.get(":, 1:, :").sub(g.get(":, 0:1, :")); // [n, c-1, D]
            NDArray wNorm = w.norm(new int[] {2}).add(Scalar.of(w, 1e-12)); // [n, c-1]
            NDArray nearest = f.abs().div(wNorm).argMin(1).reshape(-1, 1); // [n, 1]
            NDArray fStar = f.gather(nearest, 1).abs(); // [n, 1]
            NDArray normStar = wNorm.gather(nearest, 1); // [n, 1]
            long d = w.getShape().get(2);
            NDArray wStar = w.gather(
                            nearest.reshape(-1, 1, 1)
                                    .broadcast(new Shape(nearest.getShape().get(0), 1, d)),
                            1)
                    .reshape(-1, d);
            // The authors' padding of 1e-4 past the boundary, as a distance (1e-4 pixel units) so that it
            // does not vanish for a model whose logits are in units of 1e30.
            NDArray r = wStar.mul(fStar.div(normStar).add(Scalar.of(f, 1e-4)).div(normStar))
                    .toType(DataType.FLOAT32, false);
            // Keep only the part of the total the box lets through at the evaluated point.
            NDArray total = delta.add(r)
                    .mul(Scalar.of(delta, scale))
                    .add(x0)
                    .clip(0, 1)
                    .sub(x0)
                    .div(Scalar.of(delta, scale));
            return new Running(x0, total, classes, index);
        }

        void attach(NDManager manager) {
            x0.attach(manager);
            delta.attach(manager);
            classes.attach(manager);
            index.attach(manager);
        }
    }
}
