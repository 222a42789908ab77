package io.github.isce4j.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.github.isce4j.InvalidSetting;
import io.github.isce4j.MemoryUsage;
import io.github.isce4j.ProgressBar;
import io.github.isce4j.ProgressListener;
import io.github.isce4j.attack.ProjectedGradientDescent;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.loss.StateUpdate;
import io.github.isce4j.model.Accuracy;
import io.github.isce4j.model.ConvolutionCheck;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.model.NonFiniteGradient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Trains a network with Adam on a dataset that lives entirely on the native side, writing a
 * {@link RunDirectory} with a checkpoint after every epoch so an interrupted run resumes exactly.
 *
 * <p>Each step gathers its batch by index from the native copy of the training set, runs
 * forward and backward under a per-batch {@link NDManager}, and applies one fused Adam update
 * per parameter; nothing per image happens in Java.
 */
public final class TrainingRun {

    private static final int EVAL_BATCH = 500;

    private final TrainingConfig config;
    private final RunDirectory dir;
    private final PrintStream log;
    /** Hears each epoch's progress; null draws a progress bar on stderr. */
    private final ProgressListener listener;

    TrainingRun(TrainingConfig config, RunDirectory dir, PrintStream log) {
        this(config, dir, log, null);
    }

    private TrainingRun(TrainingConfig config, RunDirectory dir, PrintStream log, ProgressListener listener) {
        this.config = config;
        this.dir = dir;
        this.log = log;
        this.listener = listener;
    }

    /**
     * Trains a new run.
     *
     * @param config what to train
     * @param out the run directory to create
     * @param data where the datasets are
     * @param log where human-readable progress goes
     * @return the finished run
     * @throws IOException when the run directory cannot be written
     * @throws RunLock.Held when another live process is writing the run directory
     */
    public static TrainingResult start(TrainingConfig config, Path out, DataLocator data, PrintStream log)
            throws IOException {
        return start(config, out, data, log, null);
    }

    private static TrainingResult start(
            TrainingConfig config, Path out, DataLocator data, PrintStream log, ProgressListener listener)
            throws IOException {
        DataSets sets = DataSets.of(config, data); // missing data is refused before the folder exists
        try (RunLock lock = RunLock.acquire(out)) {
            RunDirectory dir = RunDirectory.create(out);
            dir.removeLeftovers();
            return new TrainingRun(config, dir, log, listener).execute(sets, false);
        }
    }

    /**
     * Continues an interrupted run from its last checkpoint, with the configuration it recorded.
     *
     * @param out the run directory
     * @param data where the datasets are
     * @param log where human-readable progress goes
     * @return the finished run
     * @throws IOException when the run directory cannot be read or written
     * @throws RunLock.Held when another live process is writing the run directory
     */
    public static TrainingResult resume(Path out, DataLocator data, PrintStream log) throws IOException {
        return resume(out, null, null, data, log, null);
    }

    /**
     * Continues an interrupted run, refusing settings that differ from the ones it recorded: a
     * resumed run must compute what its config.json says. Only the number of epochs may change
     * (to continue a finished run further, or stop an unfinished one earlier).
     *
     * @param out the run directory
     * @param requested the settings asked for now, or null to take the recorded ones as they are
     * @param asked the config.json names of the settings in {@code requested} that the caller set
     *     explicitly (the others are defaults and not compared); ignored when {@code requested}
     *     is null
     * @param data where the datasets are
     * @param log where human-readable progress goes
     * @return the finished run
     * @throws IOException when the run directory cannot be read or written
     * @throws RunLock.Held when another live process is writing the run directory
     * @throws IllegalArgumentException naming each setting that differs from the recorded one
     */
    public static TrainingResult resume(
            Path out, TrainingConfig requested, Set<String> asked, DataLocator data, PrintStream log)
            throws IOException {
        return resume(out, requested, asked, data, log, null);
    }

    private static TrainingResult resume(
            Path out,
            TrainingConfig requested,
            Set<String> asked,
            DataLocator data,
            PrintStream log,
            ProgressListener listener)
            throws IOException {
        RunDirectory.open(out); // refuses a folder with no run before the lock creates anything
        try (RunLock lock = RunLock.acquire(out)) {
            RunDirectory dir = RunDirectory.open(out);
            int removed = dir.removeLeftovers();
            if (removed > 0) {
                log.println("removed " + removed + " temporary file(s) left by an interrupted write in " + out);
            }
            TrainingConfig config = dir.readConfig();
            if (requested != null) {
                config = checkedResume(dir, config, requested, asked, log);
            }
            return new TrainingRun(config, dir, log, listener).execute(DataSets.of(config, data), true);
        }
    }

    /** @return the recorded configuration, with the epochs asked for when they changed */
    private static TrainingConfig checkedResume(
            RunDirectory dir, TrainingConfig stored, TrainingConfig requested, Set<String> asked, PrintStream log)
            throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String key : RunDirectory.differences(requested, stored)) {
            if (asked.contains(key) && !key.equals("epochs")) {
                wrong.add(key + " " + RunDirectory.value(requested, key) + " (the run has "
                        + RunDirectory.value(stored, key) + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(
                    "cannot resume " + dir.path() + " with other settings: " + String.join(", ", wrong)
                            + "; resuming keeps the recorded settings (only the number of epochs may change), "
                            + "so drop those settings or train into another folder");
        }
        if (!asked.contains("epochs") || requested.epochs() == stored.epochs()) {
            return stored;
        }
        int finished = dir.readMetrics().size();
        if (requested.epochs() < finished) {
            throw new IllegalArgumentException(dir.path() + " has already finished " + finished
                    + " epochs; cannot resume it to " + requested.epochs() + " epochs");
        }
        TrainingConfig extended =
                stored.toBuilder().optEpochs(requested.epochs()).build();
        log.printf(
                Locale.ROOT,
                "epochs changed from %d to %d, as asked; every other setting is the recorded one%n",
                stored.epochs(),
                requested.epochs());
        Files.deleteIfExists(dir.modelFile()); // the finished model no longer matches config.json
        dir.writeConfig(extended, dir.readProvenance());
        return extended;
    }

    /**
     * Makes sure a run with this configuration exists in {@code out}: returns it when finished,
     * continues it when interrupted, trains it when absent.
     *
     * @param config what to train
     * @param out the run directory
     * @param data where the datasets are
     * @param log where human-readable progress goes
     * @return the finished run
     * @throws IOException when the run directory cannot be read or written
     * @throws RunLock.Held when another live process is writing the run directory
     */
    public static TrainingResult ensure(TrainingConfig config, Path out, DataLocator data, PrintStream log)
            throws IOException {
        return ensure(config, out, data, log, null);
    }

    /**
     * As {@link #ensure(TrainingConfig, Path, DataLocator, PrintStream)}, with each epoch's progress
     * going to a listener instead of a progress bar on stderr.
     *
     * @param config what to train
     * @param out the run directory
     * @param data where the datasets are
     * @param log where human-readable progress goes
     * @param listener hears each epoch's images done; null draws a bar on stderr
     * @return the finished run
     * @throws IOException when the run directory cannot be read or written
     * @throws RunLock.Held when another live process is writing the run directory
     */
    public static TrainingResult ensure(
            TrainingConfig config, Path out, DataLocator data, PrintStream log, ProgressListener listener)
            throws IOException {
        if (!Files.exists(out.resolve("config.json"))) {
            return start(config, out, data, log, listener);
        }
        RunDirectory dir = RunDirectory.open(out);
        if (!dir.readConfig().equals(config)) {
            throw new IllegalArgumentException(
                    out + " holds a run with another configuration; move it away or choose another folder");
        }
        if (Files.isRegularFile(dir.modelFile())) {
            log.println("reusing the finished run in " + out);
            return new TrainingResult(out, config, dir.readMetrics());
        }
        return resume(out, null, null, data, log, listener);
    }

    /**
     * Measures training throughput without writing anything: {@code config.epochs()} passes over
     * the (possibly limited) training set, no evaluation.
     *
     * @param config what to train; its epochs are the measured rounds, the first one a warm-up
     * @param data where the datasets are
     * @return one entry per round, with throughput and resident memory
     */
    public static List<EpochMetrics> benchmark(TrainingConfig config, DataLocator data) {
        ImageSet train = trainingSet(config, data);
        Engine.getInstance().setRandomSeed(config.seed());
        TrainingRun run = new TrainingRun(config, null, System.err);
        List<EpochMetrics> rounds = new ArrayList<>();
        try (NetworkClassifier classifier = Checkpoint.newClassifier(config)) {
            NDManager root = classifier.model().getNDManager();
            Adam adam = new Adam(Checkpoint.trainable(classifier.network()), config.learningRate());
            ParameterStore store = new ParameterStore(root, false);
            NDArray x = train.images(root);
            NDArray y = train.labelArray(root);
            Loss loss = config.loss().trainingLoss();
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                EpochMetrics m = run.trainEpoch(epoch, classifier, store, loss, adam, x, y);
                rounds.add(new EpochMetrics(
                        epoch,
                        m.trainLoss(),
                        m.trainAccuracy(),
                        Double.NaN,
                        m.imagesPerSecond(),
                        m.seconds(),
                        MemoryUsage.residentMiB(),
                        null,
                        null));
            }
        }
        return rounds;
    }

    /** Training produced a non-finite loss; no later epoch can be trusted. The settings must change. */
    private static final class Diverged extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Diverged(String message) {
            super(message);
        }
    }

    private TrainingResult execute(DataSets data, boolean resume) throws IOException {
        try {
            return train(data, resume);
        } catch (Diverged e) {
            if (dir == null) {
                throw e;
            }
            Path record = dir.clearDiverged();
            throw new IllegalArgumentException(
                    e.getMessage() + "; " + dir.path() + " was cleared so a new run can use it (the settings"
                            + " that diverged are kept in " + record.getFileName() + ")",
                    e);
        }
    }

    /** A run's training and test images, and where they were found. */
    private record DataSets(ImageSet train, ImageSet test, String source) {

        static DataSets of(TrainingConfig config, DataLocator data) {
            ImageSet all = data.load(config.dataset(), Split.TEST);
            ImageSet train = trainingSet(config, data);
            EarlyStopping stopping = config.earlyStopping();
            if (stopping != null && stopping.holdOut() >= train.size()) {
                throw new InvalidSetting(
                        "hold_out",
                        "must be below the " + train.size() + " training images, got " + stopping.holdOut());
            }
            return new DataSets(
                    train,
                    config.testLimit() > 0 ? all.atMost(config.testLimit()) : all,
                    config.dataset().id() + " training images from " + data.location(config.dataset(), Split.TRAIN)
                            + ", test images from " + data.location(config.dataset(), Split.TEST));
        }
    }

    private TrainingResult train(DataSets data, boolean resume) throws IOException {
        ImageSet train = data.train();
        ImageSet test = data.test();
        log.println("data: " + data.source());
        Engine.getInstance().setRandomSeed(config.seed());
        try (NetworkClassifier classifier = Checkpoint.newClassifier(config)) {
            Model model = classifier.model();
            List<Parameter> trainable = Checkpoint.trainable(classifier.network());
            Adam adam = new Adam(trainable, config.learningRate());
            List<EpochMetrics> history = new ArrayList<>();
            if (resume && Files.exists(dir.checkpointFile())) {
                dir.requireOwn(dir.checkpointFile());
                history.addAll(Checkpoint.load(dir.checkpointFile(), classifier.network(), adam, model.getNDManager()));
                log.printf(
                        Locale.ROOT, "resuming %s after epoch %d of %d%n", dir.path(), history.size(), config.epochs());
            } else if (!resume) {
                dir.writeConfig(config, Provenance.of(train, test));
            }
            NDManager root = model.getNDManager();
            NDArray allX = train.images(root);
            NDArray allY = train.labelArray(root);
            EarlyStopping stopping = config.earlyStopping();
            int fitted = train.size() - (stopping == null ? 0 : stopping.holdOut());
            // the held-out images are the last ones: no gradient sees them, the shuffles cover the rest
            NDArray trainX = stopping == null ? allX : allX.get("0:" + fitted);
            NDArray trainY = stopping == null ? allY : allY.get("0:" + fitted);
            NDArray heldX = stopping == null ? null : allX.get(fitted + ":");
            NDArray heldY = stopping == null ? null : allY.get(fitted + ":");
            NDArray testX = test.images(root);
            NDArray testY = test.labelArray(root);
            ParameterStore store = new ParameterStore(root, false);
            Loss loss = config.loss().trainingLoss();
            if (stopping != null) {
                log.println(stopping.describe() + " (the last " + stopping.holdOut() + " of " + train.size()
                        + "), at most " + config.epochs() + " epochs");
            }
            for (int epoch = history.size() + 1;
                    epoch <= config.epochs() && (stopping == null || !stopping.stops(history));
                    epoch++) {
                EpochMetrics m = trainEpoch(epoch, classifier, store, loss, adam, trainX, trainY);
                double testAccuracy = Accuracy.of(classifier, testX, testY, EVAL_BATCH);
                Double heldOut = stopping == null ? null : Accuracy.of(classifier, heldX, heldY, EVAL_BATCH);
                m = new EpochMetrics(
                        epoch,
                        m.trainLoss(),
                        m.trainAccuracy(),
                        testAccuracy,
                        m.imagesPerSecond(),
                        m.seconds(),
                        MemoryUsage.residentMiB(),
                        heldOut,
                        null);
                history.add(m);
                if (stopping != null && epoch < config.epochs() && stopping.stops(history)) {
                    history.set(history.size() - 1, stoppedEarly(m));
                }
                Checkpoint.save(dir, classifier.network(), adam, history);
                dir.writeMetrics(history);
                log.printf(
                        Locale.ROOT,
                        "epoch %d/%d: train loss %.4f, train acc %.2f%%, test acc %.2f%% (%s)%s, %,.0f img/s, RSS %.0f MiB%n",
                        epoch,
                        config.epochs(),
                        m.trainLoss(),
                        100 * m.trainAccuracy(),
                        100 * testAccuracy,
                        test.note().isEmpty() ? test.size() + " test images" : test.note(),
                        heldOut == null ? "" : String.format(Locale.ROOT, ", held-out acc %.2f%%", 100 * heldOut),
                        m.imagesPerSecond(),
                        m.residentMiB());
            }
            if (stopping != null && stopping.stops(history)) {
                log.println("stopped early after epoch " + history.size() + " of at most " + config.epochs() + ": "
                        + stopping.reason(history));
            }
            Checkpoint.saveParameters(dir, classifier.network());
            return new TrainingResult(dir.path(), config, history);
        }
    }

    private static EpochMetrics stoppedEarly(EpochMetrics m) {
        return new EpochMetrics(
                m.epoch(),
                m.trainLoss(),
                m.trainAccuracy(),
                m.testAccuracy(),
                m.imagesPerSecond(),
                m.seconds(),
                m.residentMiB(),
                m.heldOutAccuracy(),
                true);
    }

    EpochMetrics trainEpoch(
            int epoch,
            NetworkClassifier classifier,
            ParameterStore store,
            Loss loss,
            Adam adam,
            NDArray trainX,
            NDArray trainY) {
        ConvolutionCheck.verify();
        ProjectedGradientDescent adversary =
                config.adversarial() == null ? null : config.adversarial().attack();
        int n = (int) trainX.getShape().get(0);
        int[] order = permutation(n, config.seed(), epoch);
        double lossSum = 0;
        long correct = 0;
        int batches = 0;
        NDManager root = trainX.getManager();
        String label = String.format(Locale.ROOT, "epoch %d/%d", epoch, config.epochs());
        if (listener != null) {
            listener.start(label, n, "img");
        }
        try (ProgressBar bar =
                listener == null ? new ProgressBar(label, n, "img") : ProgressBar.hidden(label, n, "img")) {
            for (int start = 0; start < n; start += config.batchSize()) {
                int end = Math.min(n, start + config.batchSize());
                try (NDManager batch = root.newSubManager()) {
                    NDArray index = batch.create(indices(order, start, end));
                    NDArray x = trainX.get(batch, new NDIndex("{}", index));
                    NDArray y = trainY.get(batch, new NDIndex("{}", index));
                    if (config.adversarial() != null) {
                        Random random = new Random(config.seed() * 1_000_003L + epoch * 100_003L + start);
                        try {
                            x = adversary.run(classifier, x, y, random).adversarial();
                        } catch (NonFiniteGradient e) {
                            throw e.at(String.format(
                                    Locale.ROOT,
                                    "adversarial examples of epoch %d, batch %d; "
                                            + "training stopped, the checkpoint of the last finished epoch is untouched",
                                    epoch,
                                    batches + 1));
                        }
                    }
                    NDArray z;
                    NDList out;
                    float value;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        out = classifier.network().forward(store, new NDList(x), true);
                        NDArray objective = loss.evaluate(new NDList(y), out);
                        collector.backward(objective);
                        value = objective.getFloat();
                        z = out.head();
                    }
                    lossSum += value;
                    if (Float.isFinite(value)) {
                        // A non-finite loss is divergence, judged at the end of the epoch; a finite
                        // loss with a non-finite gradient is a fault that must not reach the weights.
                        requireFiniteGradients(adam, epoch, batches + 1);
                    }
                    adam.step();
                    if (loss instanceof StateUpdate update) {
                        update.update(new NDList(y), out);
                    }
                    correct += z.argMax(1).eq(y).countNonzero().getLong();
                    batches++;
                }
                bar.update(
                        end,
                        String.format(Locale.ROOT, "loss %.4f acc %.2f%%", lossSum / batches, 100.0 * correct / end));
                if (listener != null) {
                    listener.update(end, label);
                }
            }
            if (!Double.isFinite(lossSum)) {
                throw new Diverged(
                        "training diverged (loss is " + lossSum + ") in epoch " + epoch + "; lower the learning rate");
            }
            return new EpochMetrics(
                    epoch,
                    lossSum / batches,
                    (double) correct / n,
                    Double.NaN,
                    n / bar.elapsedSeconds(),
                    bar.elapsedSeconds(),
                    0,
                    null,
                    null);
        }
    }

    /**
     * Stops before a non-finite gradient reaches the parameters: the checkpoint on disk stays that
     * of the last finished epoch.
     */
    private static void requireFiniteGradients(Adam adam, int epoch, int batch) {
        for (Parameter p : adam.parameters()) {
            // Each getGradient() is a new handle on the model's manager: closed here, as Adam does.
            try (NDArray gradient = p.getArray().getGradient()) {
                NonFiniteGradient.requireFinite(
                        gradient,
                        String.format(
                                Locale.ROOT,
                                "the gradient of parameter %s in epoch %d, batch %d",
                                p.getName(),
                                epoch,
                                batch));
            } catch (NonFiniteGradient e) {
                throw e.at("training stopped; the checkpoint of the last finished epoch is untouched");
            }
        }
    }

    private static ImageSet trainingSet(TrainingConfig config, DataLocator data) {
        ImageSet train = data.load(config.dataset(), Split.TRAIN);
        return config.trainLimit() > 0 && config.trainLimit() < train.size() ? train.first(config.trainLimit()) : train;
    }

    private static long[] indices(int[] order, int start, int end) {
        long[] slice = new long[end - start];
        for (int i = start; i < end; i++) {
            slice[i - start] = order[i];
        }
        return slice;
    }

    /** The shuffle of one epoch depends only on the seed and the epoch, so resuming repeats it. */
    static int[] permutation(int n, int seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
