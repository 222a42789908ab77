package io.github.isce4j.cli;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.IsceVariant;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.LossName;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.UserError;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.train.AdversarialTraining;
import io.github.isce4j.train.TrainingConfig;
import io.github.isce4j.train.TrainingResult;
import io.github.isce4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code isce train}: trains one model and writes a run directory. */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Train a classifier with Adam and write a run directory.",
            "The run directory holds config.json, metrics.json, checkpoint/last.ckpt (after every "
                    + "epoch) and model.params; an interrupted run continues with --resume.", ""},
        footer = {"", "Example:",
            "  isce train --dataset mnist --model lenet5 --loss isce --s 1 --m 0.1 --epochs 5 --out runs/lenet5-isce"})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "NAME",
            description = "mnist, fashion-mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--model", defaultValue = "lenet5", paramLabel = "NAME",
            description = "lenet5, cnn8 or resnet32 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--loss", defaultValue = "isce", paramLabel = "NAME",
            description = "sce, isce, label-smoothing, center, lgm, arcface or mmc (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--s", defaultValue = "1", paramLabel = "S",
            description = "I-SCE scale s > 0 (default: ${DEFAULT-VALUE}).")
    float scale;

    @Option(names = "--m", defaultValue = "0.1", paramLabel = "M",
            description = "I-SCE margin m >= 0 (default: ${DEFAULT-VALUE}).")
    float margin;

    @Option(names = "--isce-variant", defaultValue = "paper", paramLabel = "V",
            description = "paper (boost the true class in training) or code (the authors' script: "
                    + "boost the predicted class, clipped) (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--ls-epsilon", defaultValue = "0.1", paramLabel = "E",
            description = "Label smoothing: target (1-E)*onehot(y) + E/K (default: ${DEFAULT-VALUE}).")
    float smoothing;

    @Option(names = "--center-lambda", defaultValue = "0.01", paramLabel = "L",
            description = "Center loss: weight of the center term L/2*mean|h-c_y|^2 (default: ${DEFAULT-VALUE}).")
    float centerWeight;

    @Option(names = "--center-alpha", defaultValue = "0.5", paramLabel = "A",
            description = "Center loss: update rate of the class centers, in (0, 1] (default: ${DEFAULT-VALUE}).")
    float centerRate;

    @Option(names = "--lgm-alpha", defaultValue = "0.1", paramLabel = "A",
            description = "L-GM: margin, the true class's distance counts (1+A) times in training (default: ${DEFAULT-VALUE}).")
    float lgmMargin;

    @Option(names = "--lgm-lambda", defaultValue = "0.01", paramLabel = "L",
            description = "L-GM: weight of the likelihood term L*mean d_y (default: ${DEFAULT-VALUE}).")
    float lgmWeight;

    @Option(names = "--arcface-s", defaultValue = "30", paramLabel = "S",
            description = "ArcFace: logit scale S, logits S*cos(theta) (default: ${DEFAULT-VALUE}).")
    float arcScale;

    @Option(names = "--arcface-m", defaultValue = "0.5", paramLabel = "M",
            description = "ArcFace: additive angular margin in radians, training only (default: ${DEFAULT-VALUE}).")
    float arcMargin;

    @Option(names = "--mmc-c", defaultValue = "10", paramLabel = "C",
            description = "MMC: norm C_MM of the fixed class centers. MMC needs a linear feature of >= K dimensions: "
                    + "with --embedding-dim 0, LeNet-5 and CNN-8 get a K-wide linear one (default: ${DEFAULT-VALUE}).")
    float mmcRadius;

    @Option(names = "--embedding-dim", defaultValue = "0", paramLabel = "D",
            description = "Width of a linear feature layer before the head; 0 = none "
                    + "(ResNet-32 always has one, 64 wide by default).")
    int embeddingDim;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--defense", defaultValue = "none", paramLabel = "D",
            description = "none, or pgd-at: PGD adversarial training, every batch replaced by PGD examples of the "
                    + "current model (default: ${DEFAULT-VALUE}).")
    String defense;

    @Option(names = "--at-preset", defaultValue = "paper", paramLabel = "P",
            description = "pgd-at settings: paper (the authors' script: 10 sign steps of 0.01, i.e. L-inf eps 0.1) "
                    + "or madry-mnist (L-inf eps 0.3, 40 steps of 0.01, random start); the --at-* flags "
                    + "override single values (default: ${DEFAULT-VALUE}).")
    String atPreset;

    @Option(names = "--at-norm", paramLabel = "N", description = "pgd-at norm: l2 or linf.")
    String atNorm;

    @Option(names = "--at-eps", paramLabel = "E", description = "pgd-at radius in [0, 1] pixel units.")
    Double atEps;

    @Option(names = "--at-steps", paramLabel = "S", description = "pgd-at steps per batch.")
    Integer atSteps;

    @Option(names = "--at-step-size", paramLabel = "A", description = "pgd-at step size.")
    Double atStepSize;

    @Option(names = "--at-random-start", paramLabel = "B", arity = "1",
            description = "pgd-at random start in the ball: true or false.")
    Boolean atRandomStart;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N",
            description = "Train on the first N training images only; 0 = all (default).")
    int trainLimit;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/MODEL-LOSS).")
    Path out;

    @Option(names = "--resume", description = "Continue the interrupted run in --out from its last checkpoint, "
            + "with the configuration it recorded.")
    boolean resume;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        TrainingResult result;
        if (resume) {
            result = TrainingRun.resume(requireOut(), config(), defaults(), data.locator(), System.out);
        } else {
            TrainingConfig config = config();
            Path dir = out != null ? out : Path.of("runs", config.model().id() + "-" + config.loss().name().id());
            result = TrainingRun.start(config, dir, data.locator(), System.out);
        }
        System.out.printf(Locale.ROOT, "done: clean test accuracy %.2f%%, %,.0f img/s (median), run directory %s%n",
                100 * result.testAccuracy(), result.medianImagesPerSecond(), result.dir());
        return 0;
    }

    /** @return the configuration when no training flag is given, to tell which ones were */
    private static TrainingConfig defaults() {
        TrainCommand none = new TrainCommand();
        new picocli.CommandLine(none).parseArgs();
        return none.config();
    }

    TrainingConfig config() {
        LossConfig lossConfig = LossConfig.builder(LossName.parse(loss))
                .optScale(scale).optMargin(margin).optVariant(IsceVariant.parse(variant))
                .optSmoothing(smoothing)
                .optCenterWeight(centerWeight).optCenterRate(centerRate)
                .optLgmMargin(lgmMargin).optLgmWeight(lgmWeight)
                .optArcScale(arcScale).optArcMargin(arcMargin)
                .optMmcRadius(mmcRadius)
                .build();
        return new TrainingConfig(DatasetName.parse(dataset), Architecture.parse(model), lossConfig,
                embeddingDim, epochs, batchSize, learningRate, seed, trainLimit, adversarialTraining());
    }

    private AdversarialTraining adversarialTraining() {
        switch (defense.toLowerCase(java.util.Locale.ROOT)) {
            case "none":
                if (atNorm != null || atEps != null || atSteps != null || atStepSize != null || atRandomStart != null) {
                    throw new UserError("--at-* flags need --defense pgd-at");
                }
                return null;
            case "pgd-at":
                AdversarialTraining p = AdversarialTraining.preset(atPreset);
                return new AdversarialTraining(atNorm == null ? p.norm() : Norm.parse(atNorm),
                        atEps == null ? p.eps() : atEps, atSteps == null ? p.steps() : atSteps,
                        atStepSize == null ? p.stepSize() : atStepSize,
                        atRandomStart == null ? p.randomStart() : atRandomStart);
            default:
                throw new UserError("unknown --defense '" + defense + "'; choose none or pgd-at "
                        + "(random resize + pad is an inference-time defense: isce attack --defense random-pad)");
        }
    }

    private Path requireOut() {
        if (out == null) {
            throw new io.github.isce4j.UserError("--resume needs --out DIR, the run directory to continue");
        }
        return out;
    }
}
