package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SimBA: its bases, its query accounting, its invariants and its success on a real model. */
class SimBaTest {

    private static final double NO_BOUND = Double.POSITIVE_INFINITY;

    // ---- the bases -------------------------------------------------------------------------

    @Test
    void dctMatrixIsOrthonormal() {
        for (int n : new int[] {1, 4, 7, 28}) {
            float[] d = SimBaBasis.dctMatrix(n);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        dot += d[a * n + j] * d[b * n + j];
                    }
                    assertThat(dot).as("n=%d rows %d,%d", n, a, b).isCloseTo(a == b ? 1 : 0, within(1e-5));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SimBaBasis.class)
    void basisIsOrthonormal(SimBaBasis basis) {
        for (int[] chw : new int[][] {{1, 8, 8}, {3, 4, 4}, {2, 3, 5}}) {
            int dims = chw[0] * chw[1] * chw[2];
            try (NDManager m = NDManager.newBaseManager()) {
                long[] all = new long[dims];
                Arrays.setAll(all, i -> i);
                NDArray b = basis.directions(m, all, chw[0], chw[1], chw[2]);
                assertThat(b.getShape()).isEqualTo(new Shape(dims, chw[0], chw[1], chw[2]));
                NDArray matrix = b.reshape(dims, dims);
                float[] gram = matrix.matMul(matrix.transpose()).toFloatArray();
                for (int r = 0; r < dims; r++) {
                    for (int c = 0; c < dims; c++) {
                        assertThat(gram[r * dims + c])
                                .as("%s %s (%d,%d)", basis, Arrays.toString(chw), r, c)
                                .isCloseTo(r == c ? 1f : 0f, within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void dctDirectionsAreTheInverseDctOfUnitCoefficients() {
        int dims = 3 * 5 * 6;
        try (NDManager m = NDManager.newBaseManager()) {
            long[] all = new long[dims];
            Arrays.setAll(all, i -> i);
            NDArray unit = m.create(all).oneHot(dims).reshape(dims, 3, 5, 6);
            float[] expected = SimBaBasis.inverseDct(m, unit).toFloatArray();
            float[] actual = SimBaBasis.DCT.directions(m, all, 3, 5, 6).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }

    @Test
    void firstDctDirectionIsTheConstantImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            int first = SimBaBasis.DCT.order(1, 8, 8, new Random(3))[0];
            assertThat(first).isZero();
            float[] q =
                    SimBaBasis.DCT.directions(m, new long[] {first}, 1, 8, 8).toFloatArray();
            for (float v : q) {
                assertThat(v).isCloseTo(1f / 8, within(1e-6f));
            }
            // With channels, the first direction is constant in one channel and zero elsewhere.
            int c = SimBaBasis.DCT.order(3, 4, 4, new Random(5))[0];
            assertThat(c % 16).isZero();
            float[] q3 = SimBaBasis.DCT.directions(m, new long[] {c}, 3, 4, 4).toFloatArray();
            for (int i = 0; i < q3.length; i++) {
                assertThat(q3[i]).isCloseTo(i / 16 == c / 16 ? 0.25f : 0f, within(1e-6f));
            }
        }
    }

    @Property(tries = 40)
    void ordersArePermutationsAndDctGoesLowFrequencyFirst(
            @ForAll SimBaBasis basis,
            @ForAll @IntRange(min = 1, max = 3) int channels,
            @ForAll @IntRange(min = 1, max = 9) int height,
            @ForAll @IntRange(min = 1, max = 9) int width,
            @ForAll long seed) {
        int plane = height * width;
        int[] order = basis.order(channels, height, width, new Random(seed));
        assertThat(order).hasSize(channels * plane);
        Set<Integer> seen = new HashSet<>();
        for (int k : order) {
            assertThat(k).isBetween(0, channels * plane - 1);
            assertThat(seen.add(k)).as("coordinate %d twice", k).isTrue();
        }
        assertThat(basis.order(channels, height, width, new Random(seed))).containsExactly(order);
        if (basis == SimBaBasis.DCT) {
            int previous = 0;
            for (int i = 0; i < order.length; i++) {
                int f = order[i] % plane;
                int s = f / width + f % width;
                assertThat(s).isGreaterThanOrEqualTo(previous);
                previous = s;
                if (i % channels == 0) {
                    // every channel of one frequency before the next frequency
                    for (int j = i; j < i + channels; j++) {
                        assertThat(order[j] % plane).isEqualTo(f);
                    }
                }
            }
        }
    }

    // ---- invariants on a random linear model ------------------------------------------------

    @Property(tries = 15)
    void respectsBudgetBoundRangeAndOnlyAcceptsImprovements(
            @ForAll @IntRange(min = 1, max = 40) int budget,
            @ForAll SimBaBasis basis,
            @ForAll boolean bounded,
            @ForAll boolean targeted,
            @ForAll long seed) {
        Random data = new Random(seed);
        int n = 12;
        double bound = bounded ? 0.3 + data.nextDouble() : NO_BOUND;
        try (NDManager m = NDManager.newBaseManager();
                AffineClassifier model = randomModel(4, 2 * 5 * 5, data)) {
            NDArray images = m.create(uniform(n * 50, data), new Shape(n, 2, 5, 5));
            NDArray labels = m.create(randomLabels(n, 4, data));
            float[] before = images.toFloatArray();
            TargetChoice choice = targeted ? TargetChoice.LEAST_LIKELY : TargetChoice.NONE;
            SimBa attack = new SimBa(SimBaSpec.of(basis)
                    .eps(0.2 + data.nextDouble())
                    .queries(budget)
                    .maxL2(bound)
                    .target(choice)
                    .build());
            List<double[]> oracles = new ArrayList<>();
            List<int[]> queries = new ArrayList<>();
            AttackResult result = attack.run(model, images, labels, new Random(seed), (o, q) -> {
                oracles.add(o);
                queries.add(q);
            });

            assertThat(images.toFloatArray()).as("input unmodified").containsExactly(before);
            assertThat(result.adversarial().getManager()).isSameAs(m);
            float[] adv = result.adversarial().toFloatArray();
            assertThat(adv).hasSize(before.length);
            for (float v : adv) {
                assertThat(v).isBetween(0f, 1f);
            }
            long spent = 0;
            for (int i = 0; i < n; i++) {
                assertThat(result.queries()[i]).as("image %d", i).isBetween(1, budget);
                spent += result.queries()[i];
                assertThat((double) result.l2()[i]).isLessThanOrEqualTo(bound + 1e-5);
                for (int t = 1; t < oracles.size(); t++) {
                    double was = oracles.get(t - 1)[i];
                    double now = oracles.get(t)[i];
                    if (targeted) {
                        assertThat(now).as("image %d step %d", i, t).isGreaterThanOrEqualTo(was);
                    } else {
                        assertThat(now).as("image %d step %d", i, t).isLessThanOrEqualTo(was);
                    }
                    assertThat(queries.get(t)[i]).isGreaterThanOrEqualTo(queries.get(t - 1)[i]);
                }
            }
            assertThat(queries.get(queries.size() - 1)).containsExactly(result.queries());
            assertThat(model.queried())
                    .as("reported queries are the images the model saw")
                    .isEqualTo(spent);

            // the recorded oracle is the log-odds of the model's probability on the returned images
            double[] finalOracle = oracles.get(oracles.size() - 1);
            float[] z = model.logits(result.adversarial()).toFloatArray();
            float[] p = model.probabilities(result.adversarial()).toFloatArray();
            float[] p0 = model.probabilities(images).toFloatArray();
            long[] attacked = targeted ? result.targets() : labels.toLongArray();
            for (int i = 0; i < n; i++) {
                int c = (int) attacked[i];
                double others = 0;
                for (int k = 0; k < 4; k++) {
                    others += k == c ? 0 : Math.exp(z[i * 4 + k] - z[i * 4 + c]);
                }
                double odds = -Math.log(others);
                assertThat(finalOracle[i]).isCloseTo(odds, within(1e-4 * (1 + Math.abs(odds))));
                if (targeted) {
                    assertThat(p[i * 4 + c]).isGreaterThanOrEqualTo(p0[i * 4 + c]);
                } else {
                    assertThat(p[i * 4 + c]).isLessThanOrEqualTo(p0[i * 4 + c]);
                }
            }
        }
    }

    @Test
    void misclassifiedImagesCostOneQueryAndStayUnchanged() {
        Random data = new Random(11);
        try (NDManager m = NDManager.newBaseManager();
                AffineClassifier model = randomModel(3, 16, data)) {
            NDArray images = m.create(uniform(6 * 16, data), new Shape(6, 1, 4, 4));
            long[] predicted = model.predict(images).toLongArray();
            long[] wrong = new long[6];
            for (int i = 0; i < 6; i++) {
                wrong[i] = (predicted[i] + 1) % 3;
            }
            AttackResult r =
                    SimBaSpec.dct().queries(100).build().attack().run(model, images, m.create(wrong), new Random(1));
            assertThat(r.queries()).containsOnly(1);
            assertThat(r.success()).containsOnly(true);
            assertThat(r.adversarial().toFloatArray()).containsExactly(images.toFloatArray());
            assertThat(r.l2()).containsOnly(0f);
        }
    }

    @Test
    void deterministicForAFixedSeed() {
        for (SimBaBasis basis : SimBaBasis.values()) {
            float[][] adv = new float[2][];
            int[][] queries = new int[2][];
            for (int run = 0; run < 2; run++) {
                Random data = new Random(21);
                try (NDManager m = NDManager.newBaseManager();
                        AffineClassifier model = randomModel(5, 3 * 3 * 3, data)) {
                    NDArray images = m.create(uniform(8 * 27, data), new Shape(8, 3, 3, 3));
                    NDArray labels = m.create(randomLabels(8, 5, data));
                    SimBaSpec spec = SimBaSpec.of(basis)
                            .eps(0.3)
                            .queries(25)
                            .maxL2(1.0)
                            .target(TargetChoice.RANDOM)
                            .build();
                    AttackResult r = spec.attack().run(model, images, labels, new Random(99));
                    adv[run] = r.adversarial().toFloatArray();
                    queries[run] = r.queries();
                }
            }
            assertThat(adv[1]).as("%s", basis).containsExactly(adv[0]);
            assertThat(queries[1]).as("%s", basis).containsExactly(queries[0]);
        }
    }

    @Test
    void describesItself() {
        SimBaSpec a = SimBaSpec.dct().build();
        assertThat(a.label()).isEqualTo("simba-dct eps=0.2 queries=300");
        assertThat(a.attack().blackBox()).isTrue();
        assertThat(a).isEqualTo(new SimBaSpec(SimBaBasis.DCT, 0.2, 300, NO_BOUND, TargetChoice.NONE));
        SimBaSpec b = SimBaSpec.pixel()
                .eps(0.5)
                .queries(500)
                .maxL2(1.5)
                .target(TargetChoice.LEAST_LIKELY)
                .build();
        assertThat(b.label()).isEqualTo("simba-pixel eps=0.5 queries=500 max-l2=1.5 target=ll");
        assertThatThrownBy(() -> SimBaSpec.dct().eps(0).build())
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("simba_eps must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> SimBaSpec.dct().queries(0).build())
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("queries must be >= 1, got 0");
        assertThat(SimBaBasis.parse("DCT")).isEqualTo(SimBaBasis.DCT);
        assertThatThrownBy(() -> SimBaBasis.parse("wavelet")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- a real model: nearest class mean on MNIST -----------------------------------------

    /** The paper's DCT variant; the pixel basis is weaker on MNIST and slower to test. */
    @Test
    void foolsANearestMeanMnistClassifier() {
        foolsNearestMean(0.25f);
    }

    /** The oracle compares exact log-odds, so a probability that float32 rounds to 1 still moves. */
    @Test
    void foolsANearestMeanMnistClassifierWhoseProbabilitiesSaturate() {
        foolsNearestMean(25f);
    }

    private static void foolsNearestMean(float scale) {
        ImageSet test = new DataLocator(List.of(), true).load(DatasetName.MNIST, Split.TEST);
        try (NDManager m = NDManager.newBaseManager();
                AffineClassifier model = nearestMean(test, 1000, 5000, scale)) {
            ImageSet victims = test.first(24);
            NDArray images = victims.images(m);
            NDArray labels = victims.labelArray(m);
            long[] clean = model.predict(images).toLongArray();
            float[] p = model.probabilities(images).toFloatArray();
            long[] y = labels.toLongArray();
            AttackResult r =
                    SimBaSpec.dct().eps(0.5).queries(500).build().attack().run(model, images, labels, new Random(7));
            int correct = 0;
            int fooled = 0;
            int saturated = 0;
            for (int i = 0; i < y.length; i++) {
                if (clean[i] == y[i]) {
                    correct++;
                    fooled += r.success()[i] ? 1 : 0;
                    saturated += p[i * 10 + (int) y[i]] == 1f ? 1 : 0;
                    assertThat(r.queries()[i]).isGreaterThan(1);
                }
            }
            assertThat(correct).as("clean accuracy of the nearest-mean model").isGreaterThan(16);
            assertThat(saturated)
                    .as("images whose float32 true-class probability is exactly 1")
                    .isBetween(scale > 1 ? correct * 3 / 4 : 0, scale > 1 ? correct : 0);
            assertThat(fooled).as("fooled %d of %d", fooled, correct).isGreaterThanOrEqualTo(correct * 8 / 10);
        }
    }

    /** logits_c = scale·(x·μ_c − ½‖μ_c‖²), μ_c the mean of class c over test images [from, to). */
    private static AffineClassifier nearestMean(ImageSet set, int from, int to, float scale) {
        int dims = set.channels() * set.height() * set.width();
        float[] pixels = set.pixels(from, to);
        double[] sum = new double[10 * dims];
        int[] count = new int[10];
        for (int i = from; i < to; i++) {
            int c = set.label(i);
            count[c]++;
            for (int d = 0; d < dims; d++) {
                sum[c * dims + d] += pixels[(i - from) * dims + d];
            }
        }
        float[] w = new float[10 * dims];
        float[] b = new float[10];
        for (int c = 0; c < 10; c++) {
            double norm2 = 0;
            for (int d = 0; d < dims; d++) {
                double mu = sum[c * dims + d] / count[c];
                w[c * dims + d] = (float) (scale * mu);
                norm2 += mu * mu;
            }
            b[c] = (float) (-scale * norm2 / 2);
        }
        return AffineClassifier.blackBox(w, b);
    }

    private static AffineClassifier randomModel(int classes, int dims, Random random) {
        float[] w = new float[classes * dims];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        float[] b = new float[classes];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
        return AffineClassifier.blackBox(w, b);
    }

    private static float[] uniform(int size, Random random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = random.nextFloat();
        }
        return a;
    }

    private static long[] randomLabels(int n, int classes, Random random) {
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
        }
        return y;
    }
}
