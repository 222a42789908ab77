package io.github.isce4j.cli;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.ArcFaceConfig;
import io.github.isce4j.loss.CenterLossConfig;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.IsceVariant;
import io.github.isce4j.loss.LabelSmoothingConfig;
import io.github.isce4j.loss.LgmConfig;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.LossName;
import io.github.isce4j.loss.MmcConfig;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.train.AdversarialTraining;
import io.github.isce4j.train.EarlyStopping;
import io.github.isce4j.train.RunDirectory;
import io.github.isce4j.train.TrainingConfig;
import io.github.isce4j.train.TrainingResult;
import io.github.isce4j.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code isce train}: trains one model and writes a run directory. */
@Command(
        name = "train",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Train a classifier with Adam and write a run directory.",
            "The run directory holds config.json, metrics.json, checkpoint/last.ckpt (after every "
                    + "epoch) and model.params; an interrupted run continues with --resume.",
            ""
        },
        footer = {
            "",
            "Example:",
            "  isce train --dataset mnist --model lenet5 --loss isce --s 1 --m 0.1 --epochs 5 --out runs/lenet5-isce"
        })
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--dataset",
            defaultValue = "mnist",
            paramLabel = "NAME",
            description = "mnist, fashion-mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--model",
            defaultValue = "lenet5",
            paramLabel = "NAME",
            description = "lenet5, cnn8 or resnet32 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--loss",
            defaultValue = "isce",
            paramLabel = "NAME",
            description = "sce, isce, label-smoothing, center, lgm, arcface or mmc (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(
            names = "--s",
            defaultValue = "" + IsceConfig.DEFAULT_SCALE,
            paramLabel = "S",
            description = "I-SCE scale s > 0 (default: ${DEFAULT-VALUE}).")
    float scale;

    @Option(
            names = "--m",
            defaultValue = "" + IsceConfig.DEFAULT_MARGIN,
            paramLabel = "M",
            description = "I-SCE margin m >= 0 (default: ${DEFAULT-VALUE}).")
    float margin;

    @Option(
            names = "--isce-variant",
            defaultValue = IsceConfig.DEFAULT_VARIANT_NAME,
            paramLabel = "V",
            description = "paper (boost the true class in training) or code (the authors' script: "
                    + "boost the predicted class, clipped) (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(
            names = "--ls-epsilon",
            defaultValue = "" + LabelSmoothingConfig.DEFAULT_EPSILON,
            paramLabel = "E",
            description = "Label smoothing: target (1-E)*onehot(y) + E/K (default: ${DEFAULT-VALUE}).")
    float smoothing;

    @Option(
            names = "--center-lambda",
            defaultValue = "" + CenterLossConfig.DEFAULT_LAMBDA,
            paramLabel = "L",
            description = "Center loss: weight of the center term L/2*mean|h-c_y|^2 (default: ${DEFAULT-VALUE}).")
    float centerWeight;

    @Option(
            names = "--center-alpha",
            defaultValue = "" + CenterLossConfig.DEFAULT_ALPHA,
            paramLabel = "A",
            description = "Center loss: update rate of the class centers, in (0, 1] (default: ${DEFAULT-VALUE}).")
    float centerRate;

    @Option(
            names = "--lgm-alpha",
            defaultValue = "" + LgmConfig.DEFAULT_ALPHA,
            paramLabel = "A",
            description =
                    "L-GM: margin, the true class's distance counts (1+A) times in training (default: ${DEFAULT-VALUE}).")
    float lgmMargin;

    @Option(
            names = "--lgm-lambda",
            defaultValue = "" + LgmConfig.DEFAULT_LAMBDA,
            paramLabel = "L",
            description = "L-GM: weight of the likelihood term L*mean d_y (default: ${DEFAULT-VALUE}).")
    float lgmWeight;

    @Option(
            names = "--arcface-s",
            defaultValue = "" + ArcFaceConfig.DEFAULT_S,
            paramLabel = "S",
            description = "ArcFace: logit scale S, logits S*cos(theta) (default: ${DEFAULT-VALUE}).")
    float arcScale;

    @Option(
            names = "--arcface-m",
            defaultValue = "" + ArcFaceConfig.DEFAULT_M,
            paramLabel = "M",
            description = "ArcFace: additive angular margin in radians, training only (default: ${DEFAULT-VALUE}).")
    float arcMargin;

    @Option(
            names = "--mmc-c",
            defaultValue = "" + MmcConfig.DEFAULT_RADIUS,
            paramLabel = "C",
            description = "MMC: norm C_MM of the fixed class centers. MMC needs a linear feature of >= K dimensions: "
                    + "with --embedding-dim 0, LeNet-5 and CNN-8 get a K-wide linear one (default: ${DEFAULT-VALUE}).")
    float mmcRadius;

    @Option(
            names = "--embedding-dim",
            defaultValue = "0",
            paramLabel = "D",
            description = "Width of a linear feature layer before the head; 0 = none "
                    + "(ResNet-32 always has one, 64 wide by default).")
    int embeddingDim;

    @Option(
            names = "--epochs",
            defaultValue = "5",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(
            names = "--defense",
            defaultValue = "none",
            paramLabel = "D",
            description = "none, or pgd-at: PGD adversarial training, every batch replaced by PGD examples of the "
                    + "current model (default: ${DEFAULT-VALUE}).")
    String defense;

    @Option(
            names = "--at-preset",
            defaultValue = "paper",
            paramLabel = "P",
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

    @Option(
            names = "--at-random-start",
            paramLabel = "B",
            arity = "1",
            description = "pgd-at random start in the ball: true or false.")
    Boolean atRandomStart;

    @Option(
            names = "--train-limit",
            defaultValue = "0",
            paramLabel = "N",
            description = "Train on the first N training images only; 0 = all (default).")
    int trainLimit;

    @Option(
            names = "--patience",
            paramLabel = "P",
            description = "Early stopping: hold out the last --hold-out training images (no gradient sees them), "
                    + "measure their accuracy after every epoch and stop once it has not improved for P epochs; "
                    + "--epochs is the cap and the model of the last epoch trained is kept (default: off, "
                    + "train all --epochs on every image).")
    Integer patience;

    @Option(
            names = "--hold-out",
            paramLabel = "N",
            description = "With --patience: how many images at the end of the training set are held out " + "(default: "
                    + EarlyStopping.DEFAULT_HOLD_OUT + ").")
    Integer holdOut;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/MODEL-LOSS).")
    Path out;

    @Option(
            names = "--resume",
            description = "Continue the interrupted run in --out from its last checkpoint, "
                    + "with the configuration it recorded.")
    boolean resume;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainingResult result;
        if (resume) {
            TrainingConfig recorded = RunDirectory.open(requireOut()).readConfig();
            if (!typed("--loss")) {
                // A loss setting typed alone (--center-alpha 0.3) means the recorded loss's.
                loss = recorded.loss().name().id();
            }
            try (InterruptAdvice advice = continueWith(requireOut())) {
                result = TrainingRun.resume(requireOut(), config(), typedSettings(), data.locator(), System.out);
            }
        } else {
            TrainingConfig config = config();
            Path dir = out != null
                    ? out
                    : Path.of(
                            "runs",
                            config.model().id() + "-" + config.loss().name().id());
            OutputFolder.requireWritable(dir, "--out");
            if (Files.isRegularFile(dir.resolve("config.json"))) {
                throw new UserError(
                        dir + " already holds a run; pass --resume to continue it, or choose another --out");
            }
            OutputFolder.requireOwnKind(dir, "--out", "run (config.json)", RUN_FOLDER);
            try (InterruptAdvice advice = continueWith(dir)) {
                result = TrainingRun.start(config, dir, data.locator(), System.out);
            } catch (InvalidSetting e) {
                throw UserError.of(e, FLAGS); // a hold-out as large as the training set is known only with the data
            }
        }
        System.out.printf(
                Locale.ROOT,
                "done: clean test accuracy %.2f%%, %,.0f img/s (median), run directory %s%n",
                100 * result.testAccuracy(),
                result.medianImagesPerSecond(),
                result.dir());
        return 0;
    }

    /**
     * What a new run may start in besides an empty folder: a folder whose earlier run diverged and
     * was cleared (it keeps diverged-config.json and an empty checkpoint folder).
     */
    private static final Set<String> RUN_FOLDER = Set.of("diverged-config.json");

    /** Before its config.json is written a run has nothing to resume from. */
    private static InterruptAdvice continueWith(Path dir) {
        return InterruptAdvice.on(() -> Files.exists(dir.resolve("config.json"))
                ? "continue with: isce train --resume --out " + dir
                : "nothing was kept; run the same command again");
    }

    private boolean typed(String flag) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(flag);
    }

    /**
     * The config.json names of the settings typed on the command line, whatever their values: a
     * flag typed with its default value is asked for as much as any other.
     */
    private Set<String> typedSettings() {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            String flag = option.longestName();
            keys.add(
                    flag.equals("--ls-epsilon")
                            ? "label_smoothing_epsilon"
                            : flag.equals("--defense") || flag.startsWith("--at-")
                                    ? "adversarial_training"
                                    : flag.equals("--patience") || flag.equals("--hold-out")
                                            ? "early_stopping"
                                            : flag.substring(2).replace('-', '_'));
        }
        return keys;
    }

    TrainingConfig config() {
        LossConfig chosen = lossConfig();
        AdversarialTraining at = adversarialTraining();
        // outside the try: an unknown name's message stays as it is ("unknown dataset 'x'; ...")
        DatasetName d = DatasetName.parse(dataset);
        Architecture m = Architecture.parse(model);
        try {
            return TrainingConfig.builder()
                    .setDataset(d)
                    .setModel(m)
                    .setLoss(chosen)
                    .optEmbeddingDim(embeddingDim)
                    .optEpochs(epochs)
                    .optBatchSize(batchSize)
                    .optLearningRate(learningRate)
                    .optSeed(seed)
                    .optTrainLimit(trainLimit)
                    .optAdversarial(at)
                    .optEarlyStopping(earlyStopping())
                    .build();
        } catch (InvalidSetting e) {
            throw e.setting().equals("loss") ? featureTooNarrow(chosen, d, e) : UserError.of(e, FLAGS);
        }
    }

    /** @return early stopping as --patience and --hold-out ask, or null without --patience */
    private EarlyStopping earlyStopping() {
        if (patience == null) {
            if (holdOut != null) {
                throw new UserError("--hold-out needs --patience: held-out images serve early stopping only");
            }
            return null;
        }
        return new EarlyStopping(patience, holdOut == null ? EarlyStopping.DEFAULT_HOLD_OUT : holdOut);
    }

    /** The flags not spelled {@code --setting-name}: label smoothing's epsilon and adversarial training's settings. */
    private static final Map<String, String> FLAGS = Map.of(
            "label_smoothing_epsilon",
            "--ls-epsilon",
            "norm",
            "--at-norm",
            "eps",
            "--at-eps",
            "steps",
            "--at-steps",
            "step_size",
            "--at-step-size");

    /** The loss refused the feature width: the advice names the two flags that can fix it. */
    private UserError featureTooNarrow(LossConfig chosen, DatasetName d, InvalidSetting refused) {
        int minimum = chosen.minimumFeatureDim(d.numClasses());
        return new UserError(
                "--loss " + chosen.name().id() + " needs a feature of at least " + minimum
                        + " dimensions (one axis per class for its simplex of class centers), got --embedding-dim "
                        + embeddingDim
                        + "; use --embedding-dim " + minimum + " or more, or 0 (LeNet-5 and CNN-8 then get a " + minimum
                        + "-wide linear feature layer, ResNet-32 keeps its own)",
                refused);
    }

    /** The chosen loss from its flags; another loss's flag is refused rather than ignored. */
    private LossConfig lossConfig() {
        LossName name = LossName.parse(loss);
        for (Map.Entry<LossName, Set<String>> other : LOSS_FLAGS.entrySet()) {
            for (String flag : other.getValue()) {
                if (other.getKey() != name && typed(flag)) {
                    throw new UserError(
                            flag + " is a setting of --loss " + other.getKey().id() + ", not of " + name.id()
                                    + (resume && !typed("--loss") ? " (the loss of the run being resumed)" : ""));
                }
            }
        }
        try {
            return switch (name) {
                case SCE -> SceConfig.DEFAULT;
                case ISCE -> new IsceConfig(scale, margin, IsceVariant.parse(variant));
                case LABEL_SMOOTHING -> new LabelSmoothingConfig(smoothing);
                case CENTER -> new CenterLossConfig(centerWeight, centerRate);
                case LGM -> new LgmConfig(lgmMargin, lgmWeight);
                case ARCFACE -> new ArcFaceConfig(arcScale, arcMargin);
                case MMC -> new MmcConfig(mmcRadius);
            };
        } catch (InvalidSetting e) {
            throw UserError.of(e, FLAGS);
        }
    }

    /** The flags of each loss's settings. */
    private static final Map<LossName, Set<String>> LOSS_FLAGS = Map.of(
            LossName.ISCE, Set.of("--s", "--m", "--isce-variant"),
            LossName.LABEL_SMOOTHING, Set.of("--ls-epsilon"),
            LossName.CENTER, Set.of("--center-lambda", "--center-alpha"),
            LossName.LGM, Set.of("--lgm-alpha", "--lgm-lambda"),
            LossName.ARCFACE, Set.of("--arcface-s", "--arcface-m"),
            LossName.MMC, Set.of("--mmc-c"));

    private AdversarialTraining adversarialTraining() {
        switch (defense.toLowerCase(java.util.Locale.ROOT)) {
            case "none":
                if (atNorm != null
                        || atEps != null
                        || atSteps != null
                        || atStepSize != null
                        || atRandomStart != null
                        || typed("--at-preset")) {
                    throw new UserError("--at-* flags need --defense pgd-at");
                }
                return null;
            case "pgd-at":
                // an unknown norm's message stays as it is ("unknown norm 'x'; ...")
                Norm norm = atNorm == null ? null : Norm.parse(atNorm);
                AdversarialTraining p = preset();
                try {
                    PgdSpec pgd = p.pgd();
                    return AdversarialTraining.pgd(norm == null ? pgd.norm() : norm, atEps == null ? pgd.eps() : atEps)
                            .steps(atSteps == null ? pgd.steps() : atSteps)
                            .stepSize(atStepSize == null ? pgd.stepSize() : atStepSize)
                            .randomStart(atRandomStart == null ? pgd.randomStart() : atRandomStart)
                            .build();
                } catch (InvalidSetting e) {
                    throw UserError.of(e, FLAGS);
                }
            default:
                throw new UserError("unknown --defense '" + defense + "'; choose none or pgd-at "
                        + "(random resize + pad is an inference-time defense: isce attack --defense random-pad)");
        }
    }

    private AdversarialTraining preset() {
        try {
            return AdversarialTraining.preset(atPreset);
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown --at-preset '" + atPreset + "'; choose paper or madry-mnist", e);
        }
    }

    private Path requireOut() {
        if (out == null) {
            throw new UserError("--resume needs --out DIR, the run directory to continue");
        }
        return OutputFolder.requireWritable(out, "--out");
    }
}
