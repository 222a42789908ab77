import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.eval.RobustnessResult;
import io.github.isce4j.loss.InferenceSoftmaxCrossEntropy;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;

/**
 * isce4j as a library: trains LeNet-5 with the I-SCE loss and a plain DJL MLP with softmax
 * cross-entropy, both through DJL's own Trainer, then attacks both with PGD-L2 at eps = 1.
 *
 * <p>Run it from the project folder after {@code mvn -q package -DskipTests}:
 * {@code java -Dai.djl.offline=true -cp target/isce4j.jar examples/QuickStart.java}
 */
public final class QuickStart {

    private static final int TRAIN_IMAGES = 20_000;
    private static final int TEST_IMAGES = 500;
    private static final int EPOCHS = 3;
    private static final int BATCH = 128;

    public static void main(String[] args) throws Exception {
        Engine.getInstance().setRandomSeed(0); // DJL's initialisers draw from the engine's generator
        ImageSet train = new DataLocator().load(DatasetName.MNIST, Split.TRAIN).first(TRAIN_IMAGES);
        ImageSet test = new DataLocator().load(DatasetName.MNIST, Split.TEST).first(TEST_IMAGES);

        // I-SCE (paper variant, s = 1, m = 0.1): a DJL Loss, so DJL's Trainer takes it as it is.
        InferenceSoftmaxCrossEntropy isce = InferenceSoftmaxCrossEntropy.builder().build();
        // LeNet-5 with its MNIST standardisation inside, so it takes [0, 1] images.
        Block lenet = Architecture.LENET5.network(DatasetName.MNIST, 0);
        // A plain DJL block that isce4j did not build.
        Block mlp = new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());

        try (Model lenetModel = trained("lenet5-isce", lenet, isce, train);
                Model mlpModel = trained("mlp-sce", mlp, Loss.softmaxCrossEntropyLoss(), train);
                // I-SCE deploys its boosted softmax; the MLP plain softmax.
                Classifier a = Classifier.of(lenetModel, 10, isce::deployedLogits);
                Classifier b = Classifier.of(mlpModel, 10, DecisionRule.SOFTMAX);
                NDManager manager = NDManager.newBaseManager()) {
            PgdSpec pgd = PgdSpec.l2(1.0).steps(20).build(); // worst case of CE and margin, per image
            for (Classifier classifier : new Classifier[] {a, b}) {
                RobustnessResult result = new RobustnessEvaluation(classifier, test.images(manager),
                        test.labelArray(manager), 250, 0).run(AttackPlan.of(pgd));
                System.out.printf("%-22s clean %5.1f %%   %s: robust %5.1f %%%n", classifier.description(),
                        100 * result.cleanAccuracy(), pgd.label(), 100 * result.robustAccuracy(pgd));
            }
        }
    }

    /** Trains a block with Adam through DJL's Trainer, one sub-manager per batch. */
    private static Model trained(String name, Block block, Loss loss, ImageSet train) {
        Model model = Model.newInstance(name);
        model.setBlock(block);
        try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss)
                        .optOptimizer(Optimizer.adam().build()));
                NDManager data = NDManager.newBaseManager()) {
            trainer.initialize(new Shape(1, 1, 28, 28));
            NDArray images = train.images(data);
            NDArray labels = train.labelArray(data);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                for (int start = 0; start < train.size(); start += BATCH) {
                    try (NDManager batch = data.newSubManager()) {
                        NDIndex rows = new NDIndex().addSliceDim(start, Math.min(train.size(), start + BATCH));
                        NDArray x = images.get(batch, rows);
                        NDArray y = labels.get(batch, rows);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(x));
                            collector.backward(loss.evaluate(new NDList(y), out));
                        }
                        trainer.step();
                    }
                }
            }
        }
        return model;
    }
}
