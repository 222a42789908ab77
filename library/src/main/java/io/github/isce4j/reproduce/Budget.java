package io.github.isce4j.reproduce;

import io.github.isce4j.attack.DeepFoolSpec;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.reproduce.BudgetSettings.Attacks;
import io.github.isce4j.reproduce.BudgetSettings.Figures;
import io.github.isce4j.reproduce.BudgetSettings.Sanity;
import io.github.isce4j.reproduce.BudgetSettings.Scale;
import io.github.isce4j.reproduce.BudgetSettings.Sizes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How much of the paper's settings a reproduction spends: {@link #PAPER} as far as the paper states
 * them, {@link #QUICK} within an hour on two cores, {@link #SMOKE} within minutes (for tests). Each
 * budget is one {@link BudgetSettings} value, so a new budget is one new constant; every setting a
 * budget reduces from the paper budget's is listed by {@link #reductions} and printed under what it
 * affects.
 */
public enum Budget {
    /** Tiny subsets: every recipe runs, no number means anything. */
    SMOKE(
            "smoke",
            BudgetSettings.builder()
                    .sizes(Setting.RESNET_MNIST, smoke(64).curveRadii(List.of(1.0)))
                    .sizes(Setting.RESNET_CIFAR, smoke(64).curveRadii(List.of(0.5)))
                    .sizes(
                            Setting.LENET_MNIST,
                            smoke(256).curveRadii(List.of(1.0)).random(2, true))
                    .sizes(Setting.CNN_CIFAR, smoke(256).curveRadii(List.of(0.5)))
                    .attacks(new Attacks(
                            List.of(5),
                            5,
                            Map.of(DatasetName.MNIST, 20, DatasetName.CIFAR10, 20),
                            Map.of(DatasetName.MNIST, List.of(1.0, 1.5), DatasetName.CIFAR10, List.of(0.5, 1.0)),
                            // unconverged smoke models are far from any boundary: 50 iterations cost a minute of
                            // the test suite
                            10))
                    .figures(new Figures(List.of(1.0, 2.0), List.of(0.1), List.of(0.02, 0.04), 32))
                    // the checks run AutoAttack: LeNet-5 only, and at the DeepFool radii (the curves have one)
                    .sanity(new Sanity(Set.of(Architecture.LENET5), false, 20))
                    .seeds(new Seeds(2, Set.of(Setting.LENET_MNIST), Set.of(Method.ISCE)))
                    // Square's 5,000 queries are 5,000 forward passes whatever the batch: minutes on ResNet-32
                    .autoAttack(Set.of(Architecture.LENET5), 0)
                    .note("AutoAttack columns of the claims: LeNet-5 only")
                    .headline(
                            "**Smoke budget: tiny subsets that only exercise every recipe; no number here says anything "
                                    + "about the paper.**")
                    .build()),
    /** Full-fidelity LeNet-5 MNIST experiments; reduced ResNet-32 and CIFAR-10 ones. */
    QUICK(
            "quick",
            BudgetSettings.builder()
                    .sizes(Setting.RESNET_MNIST, quick(new Scale(1_000, 2, 1, 10), List.of(1.0, 2.0), 5, 10))
                    .sizes(Setting.RESNET_CIFAR, quick(new Scale(1_000, 2, 1, 10), List.of(0.25, 0.5), 5, 10))
                    .sizes(
                            Setting.LENET_MNIST,
                            // the curves at three of the paper budget's added radii, random resize + pad on 25
                            // images: a timed run at four and 50 was heading for 63 minutes (2026-12-07)
                            quick(new Scale(0, 5, 2, 500), List.of(0.5, 1.0, 2.0), 25, 100)
                                    .random(25, true))
                    .sizes(Setting.CNN_CIFAR, quick(new Scale(3_000, 2, 1, 10), BudgetSettings.ADDED_CIFAR, 5, 10))
                    .attacks(paperAttacks())
                    .figures(new Figures(
                            List.of(1.0, 1.5, 2.0), List.of(0.04, 0.07, 0.1), List.of(0.01, 0.02, 0.04), 1_000))
                    // only LeNet-5 converges in an hour: AutoAttack and the checks on the deep models cost 10+
                    // minutes (AutoAttack on 7 ResNet-32 MNIST models alone 7.2 min, 2026-12-07) and decide nothing;
                    // AutoAttack on LeNet-5's 500 images took 80 s per model, 24 minutes for its 18 models
                    .sanity(new Sanity(Set.of(Architecture.LENET5), true, 300))
                    .autoAttack(Set.of(Architecture.LENET5), Budget.QUICK_AUTOATTACK_IMAGES)
                    .note(
                            "AutoAttack columns of the claims and the sanity checks: the shallow MNIST network only (this "
                                    + "budget's deeper models are below their convergence bars, so their claims are not tested "
                                    + "whatever AutoAttack or the checks find); AutoAttack on its first "
                                    + Budget.QUICK_AUTOATTACK_IMAGES
                                    + " test images (paper budget: every test image PGD attacks)")
                    // the converged LeNet-5 models whose claims quick can judge, three seeds each (about 2 minutes
                    // more)
                    .seeds(new Seeds(3, Set.of(Setting.LENET_MNIST), Set.of(Method.SCE, Method.ISCE, Method.ISCE_CODE)))
                    .headline("**Quick budget: the LeNet-5 experiments (Figs. 10 and 12, MNIST) run near the paper's "
                            + "settings; the ResNet-32 and CNN-8 models are trained for a few dozen steps on training subsets "
                            + "and are far from converged (see their clean accuracies), so their rows exercise every recipe "
                            + "but do not test the paper's claims: claims resting on a model below its convergence bar are "
                            + "not tested at this budget.**")
                    .build()),
    /**
     * The paper's settings; where it gives no epochs, clean training stops early (patience 5 on
     * the last 5,000 training images) within at most LeNet-5 and CNN-8
     * 20, ResNet-32 50 epochs; adversarial training a fixed 20 and 50.
     */
    PAPER(
            "paper",
            BudgetSettings.builder()
                    .sizes(
                            Setting.RESNET_MNIST,
                            paper(new Scale(0, 50, 50, 10_000), DatasetName.MNIST)
                                    .stopping(Budget.stopping(
                                            Budget.RESNET_MNIST_EXPECTED_EPOCHS, Budget.RESNET_MNIST_EXPECTATION)))
                    .sizes(
                            Setting.RESNET_CIFAR,
                            paper(new Scale(0, 50, 50, 1_000), DatasetName.CIFAR10)
                                    .stopping(Budget.stopping(50, "not measured: the cap")))
                    .sizes(
                            Setting.LENET_MNIST,
                            paper(new Scale(0, 20, 20, 10_000), DatasetName.MNIST)
                                    .stopping(Budget.stopping(20, "not measured: the cap")))
                    .sizes(
                            Setting.CNN_CIFAR,
                            paper(new Scale(0, 20, 20, 1_000), DatasetName.CIFAR10)
                                    .stopping(Budget.stopping(20, "not measured: the cap")))
                    .attacks(paperAttacks())
                    .figures(new Figures(
                            List.of(1.0, 1.25, 1.5, 1.75, 2.0),
                            List.of(0.02, 0.04, 0.06, 0.08, 0.1),
                            List.of(0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08),
                            5_000))
                    .sanity(new Sanity(Set.of(Architecture.values()), true, 300))
                    .note("epochs where the paper is silent: clean training stops once accuracy on the last "
                            + Budget.HOLD_OUT_TEXT
                            + " training images (held out, no gradient sees them) has not improved for "
                            + Budget.PATIENCE
                            + " epochs, at most LeNet-5 and CNN-8 20, ResNet-32 50 epochs, keeping the last "
                            + "epoch's model; the plan expects ResNet-32 MNIST to stop after "
                            + Budget.RESNET_MNIST_EXPECTED_EPOCHS + " epochs (" + Budget.RESNET_MNIST_EXPECTATION
                            + "), the others at their cap (not measured); adversarial training a fixed 20 "
                            + "(LeNet-5, CNN-8) and 50 (ResNet-32) epochs")
                    .build());

    /** Test images quick's AutoAttack columns attack on LeNet-5 (PGD: 500). */
    private static final int QUICK_AUTOATTACK_IMAGES = 100;

    /** Epochs without a new best held-out accuracy before the paper budget's clean training stops. */
    static final int PATIENCE = 5;

    /** Training images the paper budget holds out for early stopping: the last 5,000, as a common validation split. */
    static final int HOLD_OUT = 5_000;

    private static final String HOLD_OUT_TEXT = "5,000";

    /** The epochs --dry-run expects ResNet-32 on MNIST to train before early stopping ends it. */
    static final int RESNET_MNIST_EXPECTED_EPOCHS = 10;

    /** Where {@link #RESNET_MNIST_EXPECTED_EPOCHS} comes from. */
    static final String RESNET_MNIST_EXPECTATION =
            "measured for I-SCE on 2026-12-07: best held-out accuracy 99.30 % after epoch 5, stopped after epoch 10; "
                    + "assumed for every method";

    /**
     * @return the paper's PGD-10/50 and SimBA queries, the radii the paper budget adds to its ε, and
     *     DeepFool's usual 50 iterations
     */
    private static Attacks paperAttacks() {
        return new Attacks(
                List.of(10, 50),
                50,
                Map.of(
                        DatasetName.MNIST,
                        Paper.simbaQueries(DatasetName.MNIST),
                        DatasetName.CIFAR10,
                        Paper.simbaQueries(DatasetName.CIFAR10)),
                Map.of(DatasetName.MNIST, BudgetSettings.ADDED_MNIST, DatasetName.CIFAR10, BudgetSettings.ADDED_CIFAR),
                DeepFoolSpec.DEFAULT_MAX_ITERATIONS);
    }

    private static BudgetSettings.Stopping stopping(int expectedEpochs, String expectation) {
        return new BudgetSettings.Stopping(PATIENCE, HOLD_OUT, expectedEpochs, expectation);
    }

    private static Sizes smoke(int trainLimit) {
        Scale scale = new Scale(trainLimit, 1, 1, 4);
        return Sizes.of(scale)
                .trainingTests(scale.testImages())
                .random(2, false)
                .sanityImages(4);
    }

    /** @param randomImages test images of the random resize + pad rows, attacked by SimBA only */
    private static Sizes quick(Scale scale, List<Double> curveRadii, int randomImages, int sanityImages) {
        return Sizes.of(scale)
                .trainingTests(scale.testImages())
                .curveRadii(curveRadii)
                .random(randomImages, false)
                .sanityImages(sanityImages);
    }

    /** @return the paper's sizes: its curves run at every bounded budget, the paper's ε included */
    private static Sizes paper(Scale scale, DatasetName dataset) {
        List<Double> added = dataset == DatasetName.MNIST ? BudgetSettings.ADDED_MNIST : BudgetSettings.ADDED_CIFAR;
        return Sizes.of(scale)
                .curveRadii(BudgetSettings.withEps(dataset, added))
                .sanityImages(1_000);
    }

    private final String id;
    private final BudgetSettings settings;

    Budget(String id, BudgetSettings settings) {
        this.id = id;
        this.settings = settings;
    }

    /** @return the name on the command line */
    public String id() {
        return id;
    }

    /** @return everything the budget decides */
    BudgetSettings settings() {
        return settings;
    }

    /** @return the sizes of one of the paper's networks and datasets */
    Sizes sizes(Setting setting) {
        Sizes s = settings.sizes().get(setting);
        if (s == null) {
            throw new IllegalArgumentException("the paper runs no " + setting);
        }
        return s;
    }

    /** @return the sizes of one of the paper's networks and datasets */
    Sizes sizes(Architecture network, DatasetName dataset) {
        return sizes(new Setting(network, dataset));
    }

    /** @return the training and test sizes */
    Scale scale(Architecture network, DatasetName dataset) {
        return sizes(network, dataset).scale();
    }

    /**
     * @param dataset MNIST or CIFAR-10
     * @return every L2 budget of the bounded protocol: the paper's ε read as radii, then the budget's
     *     added radii (DeepFool is judged at all of them, at no extra cost)
     */
    List<Double> budgets(DatasetName dataset) {
        return BudgetSettings.withEps(dataset, settings.attacks().addedRadii().get(dataset));
    }

    /** @return the L2 radii of the PGD curves (Figs. 5, 6, 10, 11) */
    List<Double> radii(Architecture network, DatasetName dataset) {
        return sizes(network, dataset).curveRadii();
    }

    /** @return PGD step counts of Figs. 5, 6, 10 and 11 (the paper's 10 and 50) */
    List<Integer> pgdSteps() {
        return settings.attacks().curveSteps();
    }

    /** @return the tables' PGD steps (the paper's PGD-50) */
    int tableSteps() {
        return settings.attacks().tableSteps();
    }

    /** @return DeepFool as the budget runs it (Figs. 4, 8 and 12, claims 9 to 11) */
    DeepFoolSpec deepFool() {
        return new DeepFoolSpec(
                DeepFoolSpec.DEFAULT_OVERSHOOT,
                settings.attacks().deepFoolIterations(),
                DeepFoolSpec.DEFAULT_CANDIDATES);
    }

    /** @return SimBA's query budget per image (the paper: 300 MNIST, 500 CIFAR-10) */
    int simbaQueries(DatasetName dataset) {
        return settings.attacks().simbaQueries().get(dataset);
    }

    /** @return I-SCE scales s of Fig. 4's grid (the paper: s in [1, 2]) */
    List<Double> isceScales() {
        return settings.figures().isceScales();
    }

    /** @return I-SCE margins m of Fig. 4's grid (the paper: m in (0, 0.1]) */
    List<Double> isceMargins() {
        return settings.figures().isceMargins();
    }

    /** @return the adversarial-training PGD sizes of Fig. 7 (the paper: 0.01 to 0.08, its units) */
    List<Double> adversarialSizes() {
        return settings.figures().adversarialSizes();
    }

    /** @return test embeddings per method in Fig. 9 (the paper: 5,000) */
    int embeddings() {
        return settings.figures().embeddings();
    }

    /** @return test images attacked on the random resize + pad rows */
    int randomDefenseImages(Architecture network, DatasetName dataset) {
        return sizes(network, dataset).random().images();
    }

    /** @return whether the PGD and DeepFool figures attack random resize + pad on this network */
    boolean whiteBoxOnRandom(Architecture network, DatasetName dataset) {
        return sizes(network, dataset).random().whiteBox();
    }

    /** @return the networks and datasets whose models get the sanity checks */
    List<Setting> sanitySettings() {
        return Setting.ALL.stream()
                .filter(s -> settings.sanity().networks().contains(s.network()))
                .toList();
    }

    /** @return the L2 radii the sanity checks of a model run at (two or more, from 0.2 up) */
    List<Double> sanityRadii(Architecture network, DatasetName dataset) {
        return (settings.sanity().atCurveRadii() ? radii(network, dataset) : budgets(dataset))
                .stream().filter(r -> r >= 0.2).toList();
    }

    /**
     * One way a budget departs from the paper's settings, and what it affects.
     *
     * @param text the line printed
     * @param settings the networks and datasets whose results it changes; empty for all
     * @param recipes the ids of the tables and figures it changes; empty for every one that uses
     *     one of {@code settings}
     */
    record Reduction(String text, Set<Setting> settings, Set<String> recipes) {
        boolean affects(String recipe, Collection<Setting> used) {
            return (recipes.isEmpty() || recipes.contains(recipe))
                    && (settings.isEmpty() || used.stream().anyMatch(settings::contains));
        }
    }

    /** The recipes with PGD curves. */
    private static final Set<String> CURVES = Set.of("fig5", "fig6", "fig10", "fig11");
    /** The recipes that attack random resize + pad white-box (PGD curves and DeepFool), where the budget affords it. */
    private static final Set<String> WHITE_BOX = Set.of("fig5", "fig6", "fig8", "fig10", "fig11", "fig12");

    /**
     * @return every way this budget departs from the paper's settings, one line each, for the plan
     *     and the report's closing list
     */
    public List<String> reductions() {
        return scopedReductions().stream().map(Reduction::text).toList();
    }

    /**
     * @param recipe a table or figure id, e.g. fig5
     * @param used the networks and datasets whose models it measures
     * @return the reductions that change its results, one line each
     */
    List<String> reductions(String recipe, Collection<Setting> used) {
        return scopedReductions().stream()
                .filter(r -> r.affects(recipe, used))
                .map(Reduction::text)
                .toList();
    }

    /** @return the lines in the order the plan prints them: per setting, random resize + pad, notes, then the rest */
    private List<Reduction> scopedReductions() {
        List<Reduction> lines = new ArrayList<>();
        for (Setting setting : Setting.ALL) {
            scaleReduction(setting).ifPresent(lines::add);
            radiiReduction(setting).ifPresent(lines::add);
        }
        lines.addAll(randomReductions());
        settings.notes().forEach(n -> lines.add(new Reduction(n, Set.of(), Set.of())));
        if (sanitySettings().stream().anyMatch(s -> sanityImages(s) != PAPER.sanityImages(s))) {
            lines.add(only(
                    "sanity checks on the first "
                            + sanitySettings().stream()
                                    .map(s -> String.format(Locale.ROOT, "%,d test images (%s)", sanityImages(s), s))
                                    .collect(Collectors.joining(", "))
                            + (settings.sanity().atCurveRadii()
                                    ? ", at the PGD curves' radii"
                                    : ", at DeepFool's radii (two or more)"),
                    "sanity"));
        }
        if (!isceScales().equals(PAPER.isceScales()) || !isceMargins().equals(PAPER.isceMargins())) {
            lines.add(only(
                    "Fig. 4 grid: s in " + isceScales() + " × m in " + isceMargins() + " (paper budget: 5 × 5)",
                    "fig4"));
        }
        if (!adversarialSizes().equals(PAPER.adversarialSizes())) {
            lines.add(only(
                    "Fig. 7 adversarial-training sizes: " + adversarialSizes()
                            + " (paper budget: 0.01 to 0.08 in steps of 0.01)",
                    "fig7"));
        }
        if (embeddings() != PAPER.embeddings()) {
            lines.add(only(
                    String.format(Locale.ROOT, "Fig. 9: %,d test embeddings per method (paper: 5,000)", embeddings()),
                    "fig9"));
        }
        lines.addAll(attackReductions());
        return lines;
    }

    private int sanityImages(Setting s) {
        return sizes(s).sanityImages();
    }

    /** @return the reductions of PGD steps, SimBA queries and DeepFool radii */
    private List<Reduction> attackReductions() {
        List<Reduction> lines = new ArrayList<>();
        if (!pgdSteps().equals(PAPER.pgdSteps()) || tableSteps() != PAPER.tableSteps()) {
            lines.add(only(
                    "PGD steps " + pgdSteps() + " instead of 10 and 50 (tables and Fig. 4: " + tableSteps()
                            + " instead of 50)",
                    "table1",
                    "table2",
                    "fig4",
                    "fig5",
                    "fig6",
                    "fig10",
                    "fig11"));
        }
        if (!settings.attacks().simbaQueries().equals(PAPER.settings.attacks().simbaQueries())) {
            lines.add(only(
                    "SimBA " + simbaQueries(DatasetName.MNIST) + " queries (paper budget: 300 MNIST, 500 "
                            + "CIFAR-10)",
                    "table3"));
        }
        if (!settings.attacks().addedRadii().equals(PAPER.settings.attacks().addedRadii())) {
            lines.add(only(
                    "DeepFool judged at L2 " + budgets(DatasetName.MNIST) + " (MNIST), "
                            + budgets(DatasetName.CIFAR10) + " (CIFAR-10) (paper budget: "
                            + PAPER.budgets(DatasetName.MNIST)
                            + ", " + PAPER.budgets(DatasetName.CIFAR10) + ")",
                    "fig8",
                    "fig12",
                    "sanity"));
        }
        if (deepFool().maxIterations() != PAPER.deepFool().maxIterations()) {
            lines.add(only(
                    "DeepFool at most " + deepFool().maxIterations() + " iterations (paper budget: "
                            + PAPER.deepFool().maxIterations() + ")",
                    "fig4",
                    "fig8",
                    "fig12"));
        }
        return lines;
    }

    private static Reduction only(String text, String... recipes) {
        return new Reduction(text, Set.of(), Set.of(recipes));
    }

    private Optional<Reduction> scaleReduction(Setting setting) {
        Scale s = scale(setting.network(), setting.dataset());
        Scale p = PAPER.scale(setting.network(), setting.dataset());
        return s.equals(p)
                ? Optional.empty()
                : Optional.of(new Reduction(
                        String.format(
                                Locale.ROOT,
                                "%s: %s, %d "
                                        + "epoch%s (adversarial training %d), first %,d test images (paper budget: %s, %s%d epochs, %,d)",
                                setting,
                                trainNote(s.trainLimit()),
                                s.epochs(),
                                s.epochs() == 1 ? "" : "s",
                                s.adversarialEpochs(),
                                s.testImages(),
                                trainNote(p.trainLimit()),
                                PAPER.sizes(setting).stopping() == null ? "" : "early stopping within ",
                                p.epochs(),
                                p.testImages()),
                        Set.of(setting),
                        Set.of()));
    }

    private Optional<Reduction> radiiReduction(Setting setting) {
        List<Double> radii = radii(setting.network(), setting.dataset());
        List<Double> paper = PAPER.radii(setting.network(), setting.dataset());
        Set<String> recipes = new HashSet<>(CURVES);
        if (settings.sanity().atCurveRadii()) {
            recipes.add("sanity");
        }
        return radii.equals(paper)
                ? Optional.empty()
                : Optional.of(new Reduction(
                        String.format(
                                Locale.ROOT,
                                "%s: PGD curves at L2 radii %s (paper budget: %s; Tables 1 and 2 still run the paper's ε as radii)",
                                setting,
                                radii,
                                paper),
                        Set.of(setting),
                        recipes));
    }

    /** @return per network, the random resize + pad rows' fewer images, and where they are not attacked white-box */
    private List<Reduction> randomReductions() {
        List<Reduction> lines = new ArrayList<>();
        for (Architecture network : List.of(Architecture.LENET5, Architecture.CNN8, Architecture.RESNET32)) {
            List<Setting> on =
                    Setting.ALL.stream().filter(s -> s.network() == network).toList();
            Set<Setting> used = Set.copyOf(on);
            DatasetName dataset = on.get(0).dataset();
            int images = randomDefenseImages(network, dataset);
            boolean whiteBox = whiteBoxOnRandom(network, dataset);
            Set<String> recipes = new HashSet<>(Set.of("table3"));
            if (whiteBox) {
                recipes.addAll(WHITE_BOX);
            } else {
                lines.add(new Reduction(
                        String.format(
                                Locale.ROOT,
                                "PGD and DeepFool on random resize + pad: not run on "
                                        + "%s (through exact EOT every gradient costs 29 or 54 passes)%s",
                                Names.network(network),
                                network == Paper.TABLE3_NETWORK ? "; measured by SimBA (Table 3) only" : ""),
                        used,
                        WHITE_BOX));
            }
            // without white-box attacks random resize + pad on CNN-8 has no rows at all: Table 3 is ResNet-32's
            boolean rows = whiteBox || network == Paper.TABLE3_NETWORK;
            if (rows && images < scale(network, dataset).testImages()) {
                lines.add(new Reduction(
                        String.format(
                                Locale.ROOT,
                                "random resize + pad rows on %s (exact EOT, a gradient "
                                        + "costs one pass per pattern): first %,d test images",
                                Names.network(network),
                                images),
                        used,
                        recipes));
            }
        }
        return lines;
    }

    private static String trainNote(int limit) {
        return limit == 0 ? "full training set" : String.format(Locale.ROOT, "first %,d training images", limit);
    }

    /**
     * @param id smoke, quick or paper
     * @return the budget
     */
    public static Budget parse(String id) {
        return io.github.isce4j.Ids.parse(values(), Budget::id, id, "budget", "smoke, quick or paper");
    }
}
