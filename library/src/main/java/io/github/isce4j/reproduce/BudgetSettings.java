package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one {@link Budget} decides, as data the recipes read: per network and dataset the
 * sizes, then the attacks', the figures' and the sanity checks' settings, and what the report says
 * of the budget. Built by {@link #builder()}, which refuses a budget that leaves a setting out.
 *
 * @param sizes per network and dataset of {@link Setting#ALL}, what it is trained and tested on
 * @param attacks the PGD steps, SimBA queries and DeepFool radii
 * @param figures Fig. 4's grid, Fig. 7's sizes and Fig. 9's embeddings
 * @param sanity which models get the sanity checks, and how
 * @param seeds which models are trained with several seeds (seed 0 only unless set)
 * @param autoAttack which PGD claims are measured again with AutoAttack, on how many images (all
 *     networks, every test image unless set)
 * @param headline the report's warning under its headline; "" for none
 * @param notes departures from the paper that no other setting shows (epochs where it is silent)
 */
record BudgetSettings(
        Map<Setting, Sizes> sizes,
        Attacks attacks,
        Figures figures,
        Sanity sanity,
        Seeds seeds,
        AutoAttackColumns autoAttack,
        String headline,
        List<String> notes) {

    /**
     * What one network is trained on and tested on.
     *
     * @param trainLimit first this many training images, 0 for all
     * @param epochs passes over them
     * @param adversarialEpochs passes for PGD adversarial training (it costs steps + 1 times as much)
     * @param testImages first this many test images are attacked
     */
    public record Scale(int trainLimit, int epochs, int adversarialEpochs, int testImages) {}

    /**
     * Random resize + pad is attacked with exact EOT over all its patterns (29 on MNIST, 54 on
     * CIFAR-10), so each of its gradients costs that many: a budget may attack fewer images, and
     * attack them with SimBA (Table 3) only.
     *
     * @param images test images attacked on the random resize + pad rows
     * @param whiteBox whether the PGD and DeepFool figures attack it (DeepFool asks one EOT gradient
     *     for each of its ten candidate classes in each of up to 50 iterations)
     */
    record RandomDefense(int images, boolean whiteBox) {}

    /**
     * Training until converged where the paper gives no epochs: clean training stops once accuracy on
     * held-out training images has not improved for {@code patience} epochs, the scale's epochs being the
     * cap (adversarial training keeps its fixed epochs: clean held-out accuracy is not what it improves).
     *
     * @param patience epochs without a new best held-out accuracy before training stops
     * @param holdOut images at the end of the training set held out (no gradient sees them)
     * @param expectedEpochs the epochs {@code --dry-run} estimates with, at most the cap
     * @param expectation where that number comes from, for the plan's notes
     */
    record Stopping(int patience, int holdOut, int expectedEpochs, String expectation) {}

    /**
     * One network on one dataset under a budget; set by withers from {@link #of(Scale)}.
     *
     * @param scale training and test sizes
     * @param trainingTests the test images a training reports its accuracy on, 0 for all
     * @param curveRadii the L2 radii of the PGD curves (Figs. 5, 6, 10, 11)
     * @param random the random resize + pad rows
     * @param sanityImages images the sanity checks run on
     * @param stopping early stopping of clean training, or null to train the scale's epochs
     */
    record Sizes(
            Scale scale,
            int trainingTests,
            List<Double> curveRadii,
            RandomDefense random,
            int sanityImages,
            Stopping stopping) {

        /** @return sizes as the paper's: training accuracy on all test images, every random row, no radii yet */
        static Sizes of(Scale scale) {
            return new Sizes(
                    scale, 0, List.of(), new RandomDefense(scale.testImages(), true), scale.testImages(), null);
        }

        Sizes trainingTests(int n) {
            return new Sizes(scale, n, curveRadii, random, sanityImages, stopping);
        }

        Sizes curveRadii(List<Double> radii) {
            return new Sizes(scale, trainingTests, List.copyOf(radii), random, sanityImages, stopping);
        }

        Sizes random(int images, boolean whiteBox) {
            return new Sizes(
                    scale, trainingTests, curveRadii, new RandomDefense(images, whiteBox), sanityImages, stopping);
        }

        Sizes sanityImages(int n) {
            return new Sizes(scale, trainingTests, curveRadii, random, n, stopping);
        }

        Sizes stopping(Stopping s) {
            return new Sizes(scale, trainingTests, curveRadii, random, sanityImages, s);
        }
    }

    /**
     * @param curveSteps PGD step counts of Figs. 5, 6, 10 and 11 (the paper's 10 and 50)
     * @param tableSteps the tables' and Fig. 4's PGD steps (the paper's 50)
     * @param simbaQueries SimBA's query budget per image, per dataset
     * @param addedRadii per dataset, the L2 radii added to the paper's ε where the bounded curves are
     *     neither 0 % nor 100 % (DeepFool is judged at all of them, at no extra cost)
     * @param deepFoolIterations DeepFool's iterations at most (the paper states none: 50, DeepFool's
     *     usual limit)
     */
    record Attacks(
            List<Integer> curveSteps,
            int tableSteps,
            Map<DatasetName, Integer> simbaQueries,
            Map<DatasetName, List<Double>> addedRadii,
            int deepFoolIterations) {}

    /**
     * @param isceScales I-SCE scales s of Fig. 4's grid (the paper: s in [1, 2])
     * @param isceMargins I-SCE margins m of Fig. 4's grid (the paper: m in (0, 0.1])
     * @param adversarialSizes the adversarial-training PGD sizes of Fig. 7 (the paper: 0.01 to 0.08)
     * @param embeddings test embeddings per method in Fig. 9 (the paper: 5,000)
     */
    record Figures(List<Double> isceScales, List<Double> isceMargins, List<Double> adversarialSizes, int embeddings) {}

    /**
     * @param networks the networks whose models are checked (the checks run AutoAttack)
     * @param atCurveRadii whether the checks run at the PGD curves' radii (else at DeepFool's)
     * @param queries SimBA queries in the checks' black-box reference
     */
    record Sanity(Set<Architecture> networks, boolean atCurveRadii, int queries) {}

    /**
     * The claims' AutoAttack columns: AutoAttack standard on the models of the PGD claims.
     *
     * @param networks the networks whose PGD claims are measured again with AutoAttack
     * @param images first this many test images, the same for every model; 0 for the PGD cells' images
     */
    record AutoAttackColumns(Set<Architecture> networks, int images) {
        /** Every network, on the PGD cells' images. */
        static final AutoAttackColumns ALL = new AutoAttackColumns(Set.of(Architecture.values()), 0);
    }

    /** The L2 radii the paper budget adds to the paper's ε: MNIST. */
    static final List<Double> ADDED_MNIST = List.of(0.5, 1.0, 1.5, 2.0);
    /** The L2 radii the paper budget adds to the paper's ε: CIFAR-10. */
    static final List<Double> ADDED_CIFAR = List.of(0.25, 0.5, 1.0);

    /** @return the paper's ε read as radii, then the added ones */
    static List<Double> withEps(DatasetName dataset, List<Double> added) {
        List<Double> radii = new ArrayList<>(Paper.eps(dataset));
        radii.addAll(added);
        return List.copyOf(radii);
    }

    /** @return a builder with no setting yet */
    static Builder builder() {
        return new Builder();
    }

    /** Collects a budget's settings; {@link #build()} checks that each one is there. */
    static final class Builder {
        private final Map<Setting, Sizes> sizes = new LinkedHashMap<>();
        private Attacks attacks;
        private Figures figures;
        private Sanity sanity;
        private Seeds seeds = Seeds.ONE;
        private AutoAttackColumns autoAttack = AutoAttackColumns.ALL;
        private String headline = "";
        private final List<String> notes = new ArrayList<>();

        private Builder() {}

        Builder sizes(Setting setting, Sizes s) {
            sizes.put(setting, s);
            return this;
        }

        Builder attacks(Attacks a) {
            attacks = a;
            return this;
        }

        Builder figures(Figures f) {
            figures = f;
            return this;
        }

        Builder sanity(Sanity s) {
            sanity = s;
            return this;
        }

        Builder seeds(Seeds s) {
            seeds = s;
            return this;
        }

        Builder autoAttack(Set<Architecture> networks, int images) {
            autoAttack = new AutoAttackColumns(Set.copyOf(networks), images);
            return this;
        }

        Builder headline(String text) {
            headline = text;
            return this;
        }

        Builder note(String text) {
            notes.add(text);
            return this;
        }

        BudgetSettings build() {
            for (Setting s : Setting.ALL) {
                if (!sizes.containsKey(s)) {
                    throw new IllegalStateException("a budget needs the sizes of " + s);
                }
            }
            return new BudgetSettings(
                    Map.copyOf(sizes),
                    Objects.requireNonNull(attacks, "attacks"),
                    Objects.requireNonNull(figures, "figures"),
                    Objects.requireNonNull(sanity, "sanity"),
                    seeds,
                    autoAttack,
                    headline,
                    List.copyOf(notes));
        }
    }
}
