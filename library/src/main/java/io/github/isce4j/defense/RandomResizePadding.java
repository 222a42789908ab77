package io.github.isce4j.defense;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.InputGradients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Randomised resizing and padding at inference time (Xie et al. 2018, docs/method.md §2), wrapped around any
 * {@link Classifier}. A pattern resizes the H×H image to r×r, r in {H, …, ⌈1.107·H⌉ − 1},
 * by nearest-neighbour interpolation (what the authors' code used: {@code tf.image.resize_images}
 * with {@code NEAREST_NEIGHBOR}, source index ⌊dst·H/r⌋), then pads it with zeros (black in
 * [0, 1] pixel units; the wrapped network standardises inside) at offset (top, left) to a
 * ⌈1.107·H⌉ square. MNIST: 29 patterns to 31×31; CIFAR-10: 54 patterns to 36×36.
 *
 * <p>Patterns are drawn as Xie et al. draw them: the size r uniformly first, then the offset
 * uniformly among the (S − r + 1)² placements of that size, so a pattern has probability
 * 1 / (#sizes · (S − r + 1)²) (see {@link #weights(int)}). Drawing uniformly over all patterns
 * instead would favour the smallest r, which has the most placements (16 of MNIST's 29).
 *
 * <p>The deployed output is the average over patterns of the wrapped classifier's deployed
 * probabilities, and this classifier's logits are the log of that average, so its decision rule
 * is plain softmax:
 * <ul>
 *   <li>{@link #logits} (and so {@link #predict}, {@link #probabilities}) is what a deployed model
 *       does: one pattern per image per call, drawn afresh from a seeded {@link Random} held here,
 *       so every query sees new randomness and a run is reproducible from its seed. The logits are
 *       log of the wrapped classifier's deployed probabilities under that pattern.</li>
 *   <li>{@link #inputGradients} is the white-box attacker's expectation over transformations
 *       (EOT), exact rather than sampled because there are few patterns: the objectives receive
 *       w = log(Σ_p π_p · softmax(deployedLogits(inner logits under p))), π the sampling
 *       probabilities of the patterns, and their
 *       gradients flow through the average and the transformations.</li>
 * </ul>
 *
 * <p>Gradients go through the wrapped classifier's own {@link Classifier#inputGradients} (which
 * freezes its parameters and works for TorchScript modules, whose plain forward runs without
 * autograd): it differentiates the objectives with respect to the transformed batch, and the
 * chain rule back to the images is the adjoint of the (linear) transformations, taken by autograd
 * through them. When all patterns of a batch would make too large a transformed batch, the
 * patterns go in chunks: a first pass computes w, the objectives' gradients with respect to w are
 * taken exactly, and each chunk then back-propagates its share dw/dℓ_p = π_p·exp(ℓ_p − w).
 */
public final class RandomResizePadding implements Classifier {

    /** The largest-to-original size ratio of Xie et al.: 331/299 for their ImageNet models. */
    public static final double SCALE = 1.107;

    /** Transformed pixels (N·P·C·S·S) one gradient pass may hold: 2^24 floats, 64 MiB of input. */
    static final long DEFAULT_MAX_ELEMENTS = 1L << 24;

    /** torch::nn::functional::interpolate mode "nearest" in DJL's JNI numbering. */
    private static final int NEAREST = 0;

    /**
     * One transformation: resize to {@code size}×{@code size}, then pad so the image's top-left
     * pixel lands at ({@code top}, {@code left}) of the output square.
     *
     * @param size resized side r
     * @param top rows of zeros above
     * @param left columns of zeros to the left
     */
    public record Pattern(int size, int top, int left) {}

    private final Classifier inner;
    private final int size;
    private final int outputSize;
    private final List<Pattern> patterns;
    private final double[] logWeights;
    private final Random random;
    private final long seed;
    private final long maxElements;

    /**
     * @param inner the classifier to defend; closed with this one
     * @param size the side H of the square images it classifies (28 for MNIST, 32 for CIFAR-10)
     * @param seed seeds the patterns drawn by {@link #logits}
     */
    public RandomResizePadding(Classifier inner, int size, long seed) {
        this(inner, size, seed, DEFAULT_MAX_ELEMENTS);
    }

    RandomResizePadding(Classifier inner, int size, long seed, long maxElements) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be >= 1, got " + size);
        }
        this.inner = inner;
        this.size = size;
        this.outputSize = outputSize(size);
        this.patterns = patterns(size);
        double[] weights = weights(size);
        this.logWeights = new double[weights.length];
        for (int p = 0; p < weights.length; p++) {
            logWeights[p] = Math.log(weights[p]);
        }
        this.random = new Random(seed);
        this.seed = seed;
        this.maxElements = maxElements;
    }

    /**
     * @param size image side H
     * @return the padded side ⌈1.107·H⌉
     */
    public static int outputSize(int size) {
        return (int) Math.ceil(SCALE * size);
    }

    /**
     * @param size image side H
     * @return every pattern, ordered by resized size, then top, then left
     */
    public static List<Pattern> patterns(int size) {
        int out = outputSize(size);
        List<Pattern> all = new ArrayList<>();
        for (int r = size; r < Math.max(out, size + 1); r++) {
            for (int top = 0; top <= out - r; top++) {
                for (int left = 0; left <= out - r; left++) {
                    all.add(new Pattern(r, top, left));
                }
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * The sampling distribution: each size equally likely, then each of its placements equally.
     *
     * @param size image side H
     * @return the probability of each pattern, in the order of {@link #patterns(int)}; they sum to 1
     */
    public static double[] weights(int size) {
        List<Pattern> all = patterns(size);
        int out = outputSize(size);
        int sizes = all.get(all.size() - 1).size() - size + 1;
        double[] weights = new double[all.size()];
        for (int p = 0; p < weights.length; p++) {
            int placements = out - all.get(p).size() + 1;
            weights[p] = 1.0 / ((double) sizes * placements * placements);
        }
        return weights;
    }

    /**
     * Draws one pattern as Xie et al. do: the size uniformly, then the offset uniformly.
     *
     * @param size image side H
     * @param random the source of randomness
     * @return the index of the drawn pattern in {@link #patterns(int)}
     */
    public static int draw(int size, Random random) {
        int out = outputSize(size);
        int sizes = Math.max(out, size + 1) - size;
        int r = size + random.nextInt(sizes);
        int placements = out - r + 1;
        int index = 0;
        for (int s = size; s < r; s++) {
            index += (out - s + 1) * (out - s + 1); // the patterns of the smaller sizes come first
        }
        return index + random.nextInt(placements) * placements + random.nextInt(placements);
    }

    /** @return every pattern, in the order of {@link #patterns(int)} */
    public List<Pattern> patterns() {
        return patterns;
    }

    /** @return the defended classifier */
    public Classifier inner() {
        return inner;
    }

    /**
     * @param images [N, C, H, H]
     * @param pattern the transformation
     * @param out padded side
     * @return [N, C, out, out], attached to the images' manager; differentiable
     */
    public static NDArray transform(NDArray images, Pattern pattern, int out) {
        long h = images.getShape().get(2);
        NDArray resized = pattern.size() == h
                ? images
                : JniUtils.interpolate((PtNDArray) images, new long[] {pattern.size(), pattern.size()}, NEAREST, false);
        int bottom = out - pattern.size() - pattern.top();
        int right = out - pattern.size() - pattern.left();
        // Padding is given last axis first: (left, right) for W, then (top, bottom) for H.
        return resized.pad(new Shape(pattern.left(), right, pattern.top(), bottom), 0);
    }

    @Override
    public int numClasses() {
        return inner.numClasses();
    }

    @Override
    public String description() {
        return inner.description() + " + random resize-pad (" + patterns.size() + " patterns)";
    }

    /** The logits are already the log of the deployed (averaged) probabilities. */
    @Override
    public DecisionRule decisionRule() {
        return DecisionRule.SOFTMAX;
    }

    /**
     * One pattern per image, drawn afresh on every call; images sharing a pattern are transformed
     * together and the whole batch goes through the wrapped classifier once.
     *
     * @return log of the wrapped classifier's deployed probabilities under each image's pattern [N, K]
     */
    @Override
    public NDArray logits(NDArray images) {
        checkShape(images);
        int n = Math.toIntExact(images.getShape().get(0));
        int[] drawn = new int[n];
        synchronized (random) {
            for (int i = 0; i < n; i++) {
                drawn[i] = draw(size, random);
            }
        }
        return logits(images, drawn);
    }

    /** @return true: every prediction draws a pattern per image */
    @Override
    public boolean randomized() {
        return true;
    }

    /**
     * One pattern per image drawn from its own seed (mixed with this defense's seed) instead of
     * the running sequence, so the same image with the same draw meets the same pattern: a clean
     * and an attacked prediction then differ by the perturbation alone.
     *
     * @param images [N, C, H, H]
     * @param draws one seed per image, [N]
     * @return predicted classes int64 [N]
     */
    @Override
    public NDArray predict(NDArray images, long[] draws) {
        checkShape(images);
        int n = Math.toIntExact(images.getShape().get(0));
        if (draws.length != n) {
            throw new IllegalArgumentException("one draw per image: " + draws.length + " draws for " + n + " images");
        }
        int[] drawn = new int[n];
        for (int i = 0; i < n; i++) {
            drawn[i] = draw(size, new Random(mix(seed * 0x9E3779B97F4A7C15L + draws[i])));
        }
        return logits(images, drawn).argMax(1);
    }

    /** @return z scrambled (MurmurHash3's finaliser): java.util.Random's first draws from nearby seeds are alike */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** @return log of the wrapped classifier's deployed probabilities under each image's pattern [N, K] */
    private NDArray logits(NDArray images, int[] drawn) {
        int n = drawn.length;
        // Counting sort by pattern: order[j] is the image in row j of the grouped batch.
        int[] start = new int[patterns.size() + 1];
        for (int d : drawn) {
            start[d + 1]++;
        }
        for (int p = 0; p < patterns.size(); p++) {
            start[p + 1] += start[p];
        }
        long[] order = new long[n];
        long[] inverse = new long[n];
        int[] next = start.clone();
        for (int i = 0; i < n; i++) {
            int j = next[drawn[i]]++;
            order[j] = i;
            inverse[i] = j;
        }
        try (NDManager scratch = images.getManager().newSubManager()) {
            NDList groups = new NDList();
            for (int p = 0; p < patterns.size(); p++) {
                if (start[p + 1] > start[p]) {
                    long[] rows = Arrays.copyOfRange(order, start[p], start[p + 1]);
                    NDArray group = images.get(new NDIndex("{}", scratch.create(rows)));
                    group.attach(scratch);
                    groups.add(transform(group, patterns.get(p), outputSize));
                }
            }
            NDArray batch = groups.size() == 1 ? groups.head() : NDArrays.concat(groups, 0);
            NDArray w = logDeployed(inner.logits(batch)).get(new NDIndex("{}", scratch.create(inverse)));
            w.attach(images.getManager());
            return w;
        }
    }

    /**
     * Exact expectation over all patterns: the objectives receive w = log(mean over patterns of the
     * wrapped classifier's deployed probabilities) [N, K], which is also the returned logits.
     */
    @Override
    public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
        checkShape(images);
        Shape shape = images.getShape();
        long perPattern = shape.get(0) * shape.get(1) * outputSize * outputSize;
        int chunk = (int) Math.max(1, Math.min(patterns.size(), maxElements / Math.max(1, perPattern)));
        NDManager home = images.getManager();
        try (NDManager scratch = home.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(scratch);
            InputGradients result =
                    chunk == patterns.size() ? onePass(x, objectives) : inChunks(x, objectives, chunk, scratch);
            result.logits().attach(home);
            result.values().attach(home);
            result.gradients().attach(home);
            return result;
        }
    }

    private InputGradients onePass(NDArray x, Function<NDArray, NDList> objectives) {
        int p = patterns.size();
        long n = x.getShape().get(0);
        NDArray[] averaged = new NDArray[1];
        InputGradients through = inner.inputGradients(transformAll(x, patterns), z -> {
            averaged[0] = logSumExp(weighted(logDeployed(z).reshape(p, n, -1), 0, p));
            return objectives.apply(averaged[0]);
        });
        NDList gradients = adjoint(x, patterns, through.gradients());
        return new InputGradients(averaged[0].stopGradient(), through.values(), gradients);
    }

    private InputGradients inChunks(NDArray x, Function<NDArray, NDList> objectives, int chunk, NDManager scratch) {
        int p = patterns.size();
        long n = x.getShape().get(0);
        // Pass 1, no autograd: per chunk, log-sum over its patterns of the deployed probabilities.
        NDList partial = new NDList();
        for (int from = 0; from < p; from += chunk) {
            List<Pattern> part = patterns.subList(from, Math.min(p, from + chunk));
            try (NDManager m = scratch.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(m);
                int offset = from;
                NDArray lse = logSumExp(weighted(
                        logDeployed(inner.logits(transformAll(xs, part))).reshape(part.size(), n, -1),
                        offset,
                        part.size()));
                lse.attach(scratch);
                partial.add(lse);
            }
        }
        NDArray w = logSumExp(NDArrays.stack(partial, 0)); // log of the weighted mean over all patterns
        // The objectives' exact values and gradients with respect to w.
        InputGradients outer = InputGradients.compute(w, z -> z, objectives);
        NDList gradients = new NDList();
        // Pass 2: each chunk back-propagates G·dw/dℓ_q = G·exp(ℓ_q − w)/P through its patterns.
        for (int from = 0; from < p; from += chunk) {
            List<Pattern> part = patterns.subList(from, Math.min(p, from + chunk));
            try (NDManager m = scratch.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(m);
                int offset = from;
                InputGradients through = inner.inputGradients(transformAll(xs, part), z -> {
                    NDArray share = weighted(logDeployed(z).reshape(part.size(), n, -1), offset, part.size())
                            .sub(w)
                            .exp();
                    NDList surrogates = new NDList(outer.gradients().size());
                    for (NDArray g : outer.gradients()) {
                        surrogates.add(share.mul(g).sum(new int[] {0, 2}));
                    }
                    return surrogates;
                });
                NDList g = adjoint(xs, part, through.gradients());
                for (int r = 0; r < g.size(); r++) {
                    if (gradients.size() <= r) {
                        NDArray first = g.get(r);
                        first.attach(scratch);
                        gradients.add(first);
                    } else {
                        gradients.set(r, gradients.get(r).add(g.get(r)));
                        gradients.get(r).attach(scratch);
                    }
                }
            }
        }
        return new InputGradients(outer.logits(), outer.values(), gradients);
    }

    /** Applies each pattern to the whole batch: [P·N, C, S, S], pattern-major. */
    private NDArray transformAll(NDArray images, List<Pattern> which) {
        NDList parts = new NDList(which.size());
        for (Pattern pattern : which) {
            parts.add(transform(images, pattern, outputSize));
        }
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
    }

    /**
     * The chain rule from the transformed batch back to the images: the transformations are
     * linear, so d⟨T(x), g⟩/dx = Tᵀg, here by autograd through them.
     */
    private NDList adjoint(NDArray images, List<Pattern> which, NDList transformedGradients) {
        return InputGradients.compute(images, x -> transformAll(x, which), t -> {
                    NDList dots = new NDList(transformedGradients.size());
                    for (NDArray g : transformedGradients) {
                        dots.add(t.mul(g).sum());
                    }
                    return dots;
                })
                .gradients();
    }

    /** @return log softmax of the wrapped classifier's deployed logits [M, K] */
    private NDArray logDeployed(NDArray z) {
        return inner.decisionRule().deployedLogits(z).logSoftmax(1);
    }

    /** @return a + log π for a [count, N, K] array of patterns {@code first, …, first + count − 1} */
    private NDArray weighted(NDArray a, int first, int count) {
        float[] logs = new float[count];
        for (int q = 0; q < count; q++) {
            logs[q] = (float) logWeights[first + q];
        }
        return a.add(a.getManager().create(logs, new Shape(count, 1, 1)));
    }

    /** @return log(sum(exp(a), axis 0)) computed stably, for a [P, N, K] array */
    private static NDArray logSumExp(NDArray a) {
        NDArray max = a.max(new int[] {0}, true).stopGradient();
        return a.sub(max).exp().sum(new int[] {0}).log().add(max.squeeze(0));
    }

    private void checkShape(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(2) != size || s.get(3) != size) {
            throw new IllegalArgumentException("expected [N, C, " + size + ", " + size + "] images, got " + s);
        }
    }

    /** {@inheritDoc} Here the gradients are the exact average over all patterns, so it holds when it holds for the wrapped classifier. */
    @Override
    public boolean exactExpectedGradients() {
        return inner.exactExpectedGradients();
    }

    @Override
    public void close() {
        inner.close();
    }
}
