package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How much of the paper's settings a reproduction spends: {@link #PAPER} as far as the paper states
 * them, {@link #QUICK} within an hour on two cores, {@link #SMOKE} within minutes (for tests). Every
 * setting a budget reduces is listed by {@link #reductions} and printed under what it affects.
 */
public enum Budget {
    /** Tiny subsets: every recipe runs, no number means anything. */
    SMOKE("smoke"),
    /** Full-fidelity LeNet-5 MNIST experiments; reduced ResNet-32 and CIFAR-10 ones. */
    QUICK("quick"),
    /** The paper's settings; epochs where it is silent: LeNet-5 and CNN-8 20, ResNet-32 50. */
    PAPER("paper");

    private final String id;

    Budget(String id) {
        this.id = id;
    }

    /** @return the name on the command line */
    public String id() {
        return id;
    }

    /**
     * What one network on one dataset is trained and tested on.
     *
     * @param trainLimit first this many training images, 0 for all
     * @param epochs passes over them
     * @param adversarialEpochs passes for PGD adversarial training (it costs steps + 1 times as much)
     * @param testImages first this many test images are attacked
     */
    public record Scale(int trainLimit, int epochs, int adversarialEpochs, int testImages) {}

    /**
     * @param network the architecture
     * @param dataset MNIST or CIFAR-10
     * @return the training and test sizes
     */
    public Scale scale(Architecture network, DatasetName dataset) {
        boolean shallow = network != Architecture.RESNET32;
        boolean mnist = dataset == DatasetName.MNIST;
        return switch (this) {
            case SMOKE -> new Scale(shallow ? 256 : 64, 1, 1, 4);
            case QUICK -> shallow && mnist ? new Scale(0, 5, 2, 500)
                    : shallow ? new Scale(3_000, 2, 1, 50)
                    : new Scale(1_000, 2, 1, 50);
            case PAPER -> new Scale(0, shallow ? 20 : 50, shallow ? 20 : 50, mnist ? 10_000 : 1_000);
        };
    }

    /**
     * @param dataset MNIST or CIFAR-10
     * @return the paper's PGD ε (per-step sizes in its own units, run in the paper protocol and as L2 radii)
     */
    public List<Double> paperEps(DatasetName dataset) {
        return dataset == DatasetName.MNIST ? List.of(0.02, 0.04) : List.of(0.01, 0.04);
    }

    /**
     * @param dataset MNIST or CIFAR-10
     * @return every L2 budget of the bounded protocol: the paper's ε read as radii, then radii large
     *     enough that the curves do not all sit at 100 % (DeepFool is judged at all of them, at no
     *     extra cost)
     */
    public List<Double> budgets(DatasetName dataset) {
        List<Double> radii = new ArrayList<>(paperEps(dataset));
        List<Double> added = dataset == DatasetName.MNIST ? List.of(0.5, 1.0, 1.5, 2.0) : List.of(0.25, 0.5, 1.0);
        radii.addAll(this == SMOKE ? added.subList(1, 3) : added);
        return radii;
    }

    /**
     * @param network the architecture
     * @param dataset MNIST or CIFAR-10
     * @return the L2 radii of the PGD curves (Figs. 5, 6, 10, 11): all {@link #budgets}, except that
     *     the quick budget leaves out the paper's ε as radii (they are in Tables 1 and 2) and keeps two
     *     radii for ResNet-32, since every radius is a full PGD run
     */
    public List<Double> radii(Architecture network, DatasetName dataset) {
        boolean mnist = dataset == DatasetName.MNIST;
        if (this == SMOKE) {
            return List.of(mnist ? 1.0 : 0.5);
        }
        if (this == PAPER) {
            return budgets(dataset);
        }
        return switch (network) {
            case LENET5 -> List.of(0.5, 1.0, 1.5, 2.0);
            case CNN8 -> List.of(0.25, 0.5, 1.0);
            case RESNET32 -> mnist ? List.of(1.0, 2.0) : List.of(0.25, 0.5);
        };
    }

    /** @return PGD step counts of Figs. 5, 6, 10 and 11 (the paper's 10 and 50) */
    public List<Integer> pgdSteps() {
        return this == SMOKE ? List.of(5) : List.of(10, 50);
    }

    /** @return the tables' PGD steps (the paper's PGD-50) */
    public int tableSteps() {
        return this == SMOKE ? 5 : 50;
    }

    /**
     * @param dataset MNIST or CIFAR-10
     * @return SimBA's query budget per image (the paper: 300 MNIST, 500 CIFAR-10)
     */
    public int simbaQueries(DatasetName dataset) {
        return this == SMOKE ? 20 : dataset == DatasetName.MNIST ? 300 : 500;
    }

    /** @return I-SCE scales s of Fig. 4's grid (the paper: s in [1, 2]) */
    public List<Double> isceScales() {
        return switch (this) {
            case SMOKE -> List.of(1.0, 2.0);
            case QUICK -> List.of(1.0, 1.5, 2.0);
            case PAPER -> List.of(1.0, 1.25, 1.5, 1.75, 2.0);
        };
    }

    /** @return I-SCE margins m of Fig. 4's grid (the paper: m in (0, 0.1]) */
    public List<Double> isceMargins() {
        return switch (this) {
            case SMOKE -> List.of(0.1);
            case QUICK -> List.of(0.04, 0.07, 0.1);
            case PAPER -> List.of(0.02, 0.04, 0.06, 0.08, 0.1);
        };
    }

    /** @return the adversarial-training PGD sizes of Fig. 7 (the paper: 0.01 to 0.08, its units) */
    public List<Double> adversarialSizes() {
        return switch (this) {
            case SMOKE -> List.of(0.02, 0.04);
            case QUICK -> List.of(0.01, 0.02, 0.04);
            case PAPER -> List.of(0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08);
        };
    }

    /** @return test embeddings per method in Fig. 9 (the paper: 5,000) */
    public int embeddings() {
        return switch (this) {
            case SMOKE -> 32;
            case QUICK -> 1_000;
            case PAPER -> 5_000;
        };
    }

    /**
     * Random resize + pad is attacked with exact EOT over all its patterns (29 on MNIST, 54 on
     * CIFAR-10), so each of its gradients costs that many; the quick budget attacks fewer images.
     *
     * @return test images attacked on the random resize + pad rows
     */
    public int randomDefenseImages(Architecture network, DatasetName dataset) {
        int images = scale(network, dataset).testImages();
        return switch (this) {
            case SMOKE -> Math.min(2, images);
            case QUICK -> Math.min(network == Architecture.LENET5 ? 50 : 5, images);
            case PAPER -> images;
        };
    }

    /**
     * White-box attacks on random resize + pad go through exact EOT: every gradient costs one pass
     * per pattern (29 on MNIST, 54 on CIFAR-10), and DeepFool asks one for each of its ten candidate
     * classes in each of up to 50 iterations. On ResNet-32 and CNN-8 the quick budget cannot afford
     * that; there the defense is measured by SimBA (Table 3) only.
     *
     * @return whether the PGD and DeepFool figures attack random resize + pad on this network
     */
    public boolean whiteBoxOnRandom(Architecture network) {
        return this == PAPER || network == Architecture.LENET5;
    }

    /** @return images the sanity checks run on */
    public int sanityImages(Architecture network) {
        return switch (this) {
            case SMOKE -> 4;
            case QUICK -> network == Architecture.LENET5 ? 100 : 25;
            case PAPER -> 1_000;
        };
    }

    /** @return SimBA queries in the sanity checks' black-box reference */
    public int sanityQueries() {
        return this == SMOKE ? 20 : 300;
    }

    /**
     * One way a budget departs from the paper's settings, and what it affects.
     *
     * @param text the line printed
     * @param settings the networks and datasets whose results it changes; empty for all
     * @param recipes the ids of the tables and figures it changes; empty for every one that uses
     *     one of {@code settings}
     */
    record Reduction(String text, Set<Sections.Setting> settings, Set<String> recipes) {
        boolean affects(String recipe, Collection<Sections.Setting> used) {
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
    List<String> reductions(String recipe, Collection<Sections.Setting> used) {
        return scopedReductions().stream().filter(r -> r.affects(recipe, used)).map(Reduction::text).toList();
    }

    private List<Reduction> scopedReductions() {
        List<Reduction> lines = new ArrayList<>();
        for (Sections.Setting setting : Sections.SETTINGS) {
            scaleReduction(setting).ifPresent(lines::add);
            radiiReduction(setting).ifPresent(lines::add);
        }
        lines.addAll(randomReductions());
        if (this == PAPER) {
            lines.add(new Reduction("epochs are the project's choice where the paper is silent: LeNet-5 and CNN-8 20, "
                    + "ResNet-32 50", Set.of(), Set.of()));
            return lines;
        }
        lines.add(only(String.format(Locale.ROOT, "sanity checks on the first %d test images (LeNet-5), %d (CNN-8, "
                + "ResNet-32), at the PGD curves' radii", sanityImages(Architecture.LENET5),
                sanityImages(Architecture.RESNET32)), "sanity"));
        lines.add(only("Fig. 4 grid: s in " + isceScales() + " × m in " + isceMargins() + " (paper budget: 5 × 5)", "fig4"));
        lines.add(only("Fig. 7 adversarial-training sizes: " + adversarialSizes()
                + " (paper budget: 0.01 to 0.08 in steps of 0.01)", "fig7"));
        lines.add(only(String.format(Locale.ROOT, "Fig. 9: %,d test embeddings per method (paper: 5,000)", embeddings()),
                "fig9"));
        if (this == SMOKE) {
            lines.add(only("PGD steps " + pgdSteps() + " instead of 10 and 50 (tables and Fig. 4: " + tableSteps()
                    + " instead of 50)", "table1", "table2", "fig4", "fig5", "fig6", "fig10", "fig11"));
            lines.add(only("SimBA " + simbaQueries(DatasetName.MNIST) + " queries (paper budget: 300 MNIST, 500 CIFAR-10)",
                    "table3"));
            lines.add(only("DeepFool judged at L2 " + budgets(DatasetName.MNIST) + " (MNIST), " + budgets(DatasetName.CIFAR10)
                    + " (CIFAR-10) (paper budget: " + PAPER.budgets(DatasetName.MNIST) + ", "
                    + PAPER.budgets(DatasetName.CIFAR10) + ")", "fig8", "fig12", "sanity"));
        }
        return lines;
    }

    private static Reduction only(String text, String... recipes) {
        return new Reduction(text, Set.of(), Set.of(recipes));
    }

    private Optional<Reduction> scaleReduction(Sections.Setting setting) {
        Scale s = scale(setting.network(), setting.dataset());
        Scale p = PAPER.scale(setting.network(), setting.dataset());
        return s.equals(p) ? Optional.empty() : Optional.of(new Reduction(String.format(Locale.ROOT, "%s: %s, %d "
                + "epoch%s (adversarial training %d), first %,d test images (paper budget: %s, %d epochs, %,d)", setting,
                trainNote(s.trainLimit()), s.epochs(), s.epochs() == 1 ? "" : "s", s.adversarialEpochs(), s.testImages(),
                trainNote(p.trainLimit()), p.epochs(), p.testImages()), Set.of(setting), Set.of()));
    }

    private Optional<Reduction> radiiReduction(Sections.Setting setting) {
        List<Double> radii = radii(setting.network(), setting.dataset());
        List<Double> paper = PAPER.radii(setting.network(), setting.dataset());
        Set<String> recipes = new HashSet<>(CURVES);
        if (this != SMOKE) {
            recipes.add("sanity"); // the smoke budget's checks run at the DeepFool budgets instead
        }
        return radii.equals(paper) ? Optional.empty() : Optional.of(new Reduction(String.format(Locale.ROOT,
                "%s: PGD curves at L2 radii %s (paper budget: %s; Tables 1 and 2 still run the paper's ε as radii)",
                setting, radii, paper), Set.of(setting), recipes));
    }

    /** @return per network, the random resize + pad rows' fewer images, and where they are not attacked white-box */
    private List<Reduction> randomReductions() {
        List<Reduction> lines = new ArrayList<>();
        for (Architecture network : List.of(Architecture.LENET5, Architecture.CNN8, Architecture.RESNET32)) {
            List<Sections.Setting> on = Sections.SETTINGS.stream().filter(s -> s.network() == network).toList();
            Set<Sections.Setting> settings = Set.copyOf(on);
            DatasetName dataset = on.get(0).dataset();
            int images = randomDefenseImages(network, dataset);
            Set<String> recipes = new HashSet<>(Set.of("table3"));
            if (whiteBoxOnRandom(network)) {
                recipes.addAll(WHITE_BOX);
            } else {
                lines.add(new Reduction(String.format(Locale.ROOT, "PGD and DeepFool on random resize + pad: not run on "
                        + "%s (through exact EOT every gradient costs 29 or 54 passes)%s", Names.network(network),
                        network == SimBaTable.NETWORK ? "; measured by SimBA (Table 3) only" : ""), settings, WHITE_BOX));
            }
            // below the paper budget random resize + pad on CNN-8 has no rows at all: Table 3 is ResNet-32's
            boolean rows = whiteBoxOnRandom(network) || network == SimBaTable.NETWORK;
            if (rows && images < scale(network, dataset).testImages()) {
                lines.add(new Reduction(String.format(Locale.ROOT, "random resize + pad rows on %s (exact EOT, a gradient "
                        + "costs one pass per pattern): first %,d test images", Names.network(network), images), settings,
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
