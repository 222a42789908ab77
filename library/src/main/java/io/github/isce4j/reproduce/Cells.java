package io.github.isce4j.reproduce;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PaperProtocolSpec;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.SimBaSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.train.AdversarialTraining;
import io.github.isce4j.train.EarlyStopping;
import io.github.isce4j.train.TrainingConfig;
import java.util.Locale;

/**
 * Makes the cells of one budget, so that every recipe asking for the same model or measurement gets
 * the same cell (and the same key): the ResNet-32 I-SCE MNIST model of Fig. 5 is Table 1's.
 * Training: Adam, learning rate 1e-3, batch 128, seed 0; attacks: batches of 250, seed 0.
 */
final class Cells {

    static final int BATCH = 128;
    static final float LEARNING_RATE = 1e-3f;
    static final int SEED = 0;
    static final int ATTACK_BATCH = 250;

    private final Budget budget;
    private final Seeds seeds;
    private final int seed;

    Cells(Budget budget) {
        this(budget, budget.settings().seeds(), SEED);
    }

    private Cells(Budget budget, Seeds seeds, int seed) {
        this.budget = budget;
        this.seeds = seeds;
        this.seed = seed;
    }

    Budget budget() {
        return budget;
    }

    /** @return which models are trained with several seeds */
    Seeds seeds() {
        return seeds;
    }

    /** @return the same cells with other seeds (the --seeds option) */
    Cells withSeeds(Seeds other) {
        return new Cells(budget, other, seed);
    }

    /** @return the cells whose replicated models ({@link Seeds#replicates}) are trained with seed k */
    Cells withSeed(int k) {
        return new Cells(budget, seeds, k);
    }

    /** @return the model of a method (random resize + pad: the SCE model it wraps) */
    TrainingCell model(Architecture network, DatasetName dataset, Method method) {
        int s = seeds.replicates(new Setting(network, dataset), method) ? seed : SEED;
        if (method == Method.AT) {
            return adversarial(network, dataset, Paper.AT_SIZE, s);
        }
        Method trained = method == Method.RANDOM ? Method.SCE : method;
        return train(network, dataset, trained.loss(), new Kind(0, null, trained.id(), trained.label()), s);
    }

    /** @return an I-SCE model (paper variant) with scale s and margin m (Fig. 4's grid) */
    TrainingCell isce(Architecture network, DatasetName dataset, double s, double m) {
        IsceConfig loss = IsceConfig.paper((float) s, (float) m);
        if (loss.equals(Method.ISCE.loss())) {
            return model(network, dataset, Method.ISCE);
        }
        return train(
                network,
                dataset,
                loss,
                new Kind(
                        0,
                        null,
                        String.format(Locale.ROOT, "isce-s%s-m%s", s, m),
                        String.format(Locale.ROOT, "I-SCE s = %s, m = %s", s, m)),
                SEED);
    }

    /**
     * @param size the paper's PGD size in its [-1, 1] units: 10 unprojected sign steps of size/2 in ours,
     *     which is L∞ PGD of radius 5·size whose projection never binds (0.02 is the paper's AT)
     * @return an SCE model adversarially trained at that size
     */
    TrainingCell adversarial(Architecture network, DatasetName dataset, double size) {
        return adversarial(network, dataset, size, SEED);
    }

    private TrainingCell adversarial(Architecture network, DatasetName dataset, double size, int trainingSeed) {
        AdversarialTraining at = AdversarialTraining.pgd(Norm.LINF, 10 * size / 2)
                .steps(10)
                .stepSize(size / 2)
                .build();
        return train(
                network,
                dataset,
                Method.SCE.loss(),
                new Kind(0, at, "at-" + size, String.format(Locale.ROOT, "PGD adversarial training (size %s)", size)),
                trainingSeed);
    }

    /** @return a model with a {@code dim}-wide embedding layer (Fig. 9) */
    TrainingCell embedded(Architecture network, DatasetName dataset, Method method, int dim) {
        return train(
                network,
                dataset,
                method.loss(),
                new Kind(dim, null, method.id() + "-emb" + dim, method.label() + ", " + dim + "-D embedding"),
                SEED);
    }

    /**
     * What sets a model apart beside its network, dataset and loss.
     *
     * @param embeddingDim the embedding layer's width, 0 for none
     * @param at its adversarial training, or null
     * @param slug its file-name-safe name
     * @param label its name in the report
     */
    private record Kind(int embeddingDim, AdversarialTraining at, String slug, String label) {}

    private TrainingCell train(
            Architecture network, DatasetName dataset, LossConfig loss, Kind kind, int trainingSeed) {
        int embeddingDim = kind.embeddingDim();
        AdversarialTraining at = kind.at();
        BudgetSettings.Sizes sizes = budget.sizes(network, dataset);
        BudgetSettings.Scale scale = sizes.scale();
        // adversarial training keeps its fixed epochs: clean held-out accuracy is not what it improves
        BudgetSettings.Stopping stopping = at == null ? sizes.stopping() : null;
        TrainingConfig config = TrainingConfig.builder()
                .setDataset(dataset)
                .setModel(network)
                .setLoss(loss)
                .optEmbeddingDim(embeddingDim)
                .optEpochs(at == null ? scale.epochs() : scale.adversarialEpochs())
                .optBatchSize(BATCH)
                .optLearningRate(LEARNING_RATE)
                .optSeed(trainingSeed)
                .optTrainLimit(scale.trainLimit())
                .optAdversarial(at)
                .optTestLimit(sizes.trainingTests())
                .optEarlyStopping(stopping == null ? null : new EarlyStopping(stopping.patience(), stopping.holdOut()))
                .build();
        String seedNote = trainingSeed == SEED ? "" : " (seed " + trainingSeed + ")";
        String seedSlug = trainingSeed == SEED ? "" : "-seed" + trainingSeed;
        return new TrainingCell(
                Names.network(network) + " " + Names.dataset(dataset) + " " + kind.label() + seedNote,
                network.id() + "-" + dataset.id() + "-" + kind.slug() + seedSlug,
                config,
                stopping == null ? config.epochs() : Math.min(config.epochs(), stopping.expectedEpochs()));
    }

    /** @return the attack plan on a method's model, over the budget's test images */
    AttackCell attack(Architecture network, DatasetName dataset, Method method, AttackPlan plan) {
        return attack(model(network, dataset, method), method == Method.RANDOM, plan);
    }

    /**
     * @return the attack plan on a model, over the budget's test images (random resize + pad and
     *     AutoAttack: the budget's first images for them)
     */
    AttackCell attack(TrainingCell model, boolean randomDefense, AttackPlan plan) {
        Architecture network = model.config().model();
        DatasetName dataset = model.config().dataset();
        int images = budget.scale(network, dataset).testImages();
        if (randomDefense) {
            images = budget.randomDefenseImages(network, dataset);
        } else if (plan.spec() instanceof AutoAttackSpec
                && budget.settings().autoAttack().images() > 0) {
            images = Math.min(images, budget.settings().autoAttack().images());
        }
        return new AttackCell(model, randomDefense, plan, images, ATTACK_BATCH, SEED);
    }

    /** @return the attack spec, unjudged, on a method's model */
    AttackCell attack(Architecture network, DatasetName dataset, Method method, AttackSpec spec) {
        return attack(network, dataset, method, AttackPlan.of(spec));
    }

    /** @return bounded-protocol PGD-L2 at a true radius, worst case over ce and margin */
    static PgdSpec pgd(double radius, int steps, TargetChoice target) {
        return PgdSpec.l2(radius).steps(steps).target(target).build();
    }

    /** @return the paper protocol's sign-gradient attack at the paper's per-step ε */
    static PaperProtocolSpec paperPgd(double eps, int steps, TargetChoice target) {
        return new PaperProtocolSpec(eps, steps, target);
    }

    /** @return DeepFool judged at the dataset's L2 radii */
    AttackPlan deepFool(DatasetName dataset) {
        return AttackPlan.judgedAt(budget.deepFool(), budget.budgets(dataset), Norm.L2);
    }

    /** @return SimBA-DCT with the budget's queries, judged at the final-L2 bounds of Table 3 */
    AttackPlan simba(DatasetName dataset) {
        return AttackPlan.judgedAt(
                SimBaSpec.dct().queries(budget.simbaQueries(dataset)).build(), Paper.SIMBA_BOUNDS, Norm.L2);
    }

    /**
     * @return the one L2 radius a single bounded measurement on the dataset uses (the claims' PGD,
     *     Fig. 4): 1 on MNIST, 0.5 on CIFAR-10
     */
    static double boundedRadius(DatasetName dataset) {
        return dataset == DatasetName.MNIST ? 1.0 : 0.5;
    }

    /**
     * @return AutoAttack, standard version, at the dataset's {@link #boundedRadius}: the strongest
     *     attack the PGD claims are measured with besides PGD
     */
    static AutoAttackSpec autoAttack(DatasetName dataset) {
        return AutoAttackSpec.standard(Norm.L2, boundedRadius(dataset));
    }

    /** @return the sanity checks of a model at the dataset's bounded radii */
    SanityCell sanity(Architecture network, DatasetName dataset, Method method) {
        return new SanityCell(
                model(network, dataset, method),
                budget.sanityRadii(network, dataset),
                budget.sizes(network, dataset).sanityImages(),
                budget.settings().sanity().queries(),
                SEED);
    }
}
