import ai.djl.ndarray.NDManager;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.DeepFoolSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.eval.AttackRow;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.eval.RobustnessResult;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;
import io.github.isce4j.train.TrainingConfig;
import io.github.isce4j.train.TrainingRun;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * isce4j's evaluation from Java: trains LeNet-5 with I-SCE (1 epoch on 6,000 MNIST images), runs
 * AutoAttack (standard, L∞ eps = 0.3, Madry et al.'s MNIST radius) and DeepFool judged at L2
 * budgets on the first 100 test images, saves the result as results.{json,csv,md,png} and reads
 * it back.
 *
 * <p>Run it from the project folder after {@code mvn -q package -DskipTests}:
 * {@code java -Dai.djl.offline=true -cp target/isce4j.jar examples/EvaluateAndSave.java [OUT_DIR]}
 */
public final class EvaluateAndSave {

    public static void main(String[] args) throws Exception {
        Path run = Files.createTempDirectory("isce4j-run");
        Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("isce4j-results");
        TrainingConfig config = TrainingConfig.builder().setDataset(DatasetName.MNIST).setModel(Architecture.LENET5)
                .setLoss(IsceConfig.DEFAULT).optEpochs(1).optTrainLimit(6_000).build();
        TrainingRun.start(config, run, new DataLocator(), new PrintStream(OutputStream.nullOutputStream()));
        ImageSet test = new DataLocator().load(DatasetName.MNIST, Split.TEST).first(100);

        try (NetworkClassifier classifier = Checkpoint.loadTrained(RunDirectory.open(run));
                NDManager manager = NDManager.newBaseManager()) {
            // AutoAttack: APGD-CE, APGD-T, FAB-T and Square, each on the images still robust
            AutoAttackSpec autoAttack = AutoAttackSpec.standard(Norm.LINF, 0.3);
            // DeepFool finds a minimal perturbation; judgedAt counts an image robust at budget e
            // when DeepFool fails or needs more than e (one row per budget, then the unbounded one)
            DeepFoolSpec deepFool = new DeepFoolSpec();
            RobustnessResult result = new RobustnessEvaluation(classifier, test.images(manager),
                    test.labelArray(manager), 100, 0)
                    .run(AttackPlan.of(autoAttack), AttackPlan.judgedAt(deepFool, List.of(0.5, 1.0, 2.0), Norm.L2));

            System.out.printf("clean %.1f %%, %s: robust %.1f %%%n", 100 * result.cleanAccuracy(),
                    autoAttack.label(), 100 * result.robustAccuracy(autoAttack));
            for (AttackRow.PartAccuracy stage : result.row(autoAttack).parts()) {
                System.out.printf("  after %s: %.1f %%%n", stage.spec().partName(), 100 * stage.afterAccuracy());
            }
            System.out.printf("%s at L2 <= 1.0: robust %.1f %%%n", deepFool.label(),
                    100 * result.row(deepFool, 1.0).robustAccuracy());

            // results.json (with provenance), results.csv, results.md and results.png
            AttackReport.builder(result).optModel(classifier.description()).optDataset("mnist")
                    .optImagesNote("the first 100 test images").build().save(out);
            RobustnessResult back = RobustnessResult.read(out);
            System.out.println("read back from " + out.resolve("results.json") + ": " + back.equals(result));
        }
    }
}
