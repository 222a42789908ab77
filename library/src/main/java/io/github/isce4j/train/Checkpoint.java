package io.github.isce4j.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import com.google.gson.reflect.TypeToken;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Network;
import io.github.isce4j.model.NetworkClassifier;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds networks from a {@link TrainingConfig} and moves their state to and from disk: the
 * resumable checkpoint (parameters, Adam state, metrics so far) and the final parameters.
 */
public final class Checkpoint {

    private static final String MAGIC = "isce4j-checkpoint/1";

    private Checkpoint() {}

    /**
     * @param config what to build
     * @return a freshly initialised network wrapped as a classifier with the config's decision rule
     */
    public static NetworkClassifier newClassifier(TrainingConfig config) {
        DatasetName d = config.dataset();
        Network network = config.model()
                .network(d, config.effectiveEmbeddingDim(), config.loss().head(d.numClasses()));
        Model model = Model.newInstance("isce4j-" + config.model().id());
        model.setBlock(network);
        // PyTorch's default scale, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), so results compare with the
        // paper's PyTorch models; DJL's default Xavier trains LeNet-5 about 0.3 points worse.
        network.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 6),
                Parameter.Type.WEIGHT);
        network.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, d.channels(), d.height(), d.width()));
        String description = config.model().id() + " / " + config.loss().describe()
                + (config.adversarial() == null
                        ? ""
                        : " + " + config.adversarial().describe()) + " / " + d.id();
        return new NetworkClassifier(model, config.loss().decisionRule(), d.numClasses(), description);
    }

    /**
     * Loads a finished run's trained model.
     *
     * @param dir a run directory with model.params
     * @return the trained classifier; the caller closes it
     */
    public static NetworkClassifier loadTrained(RunDirectory dir) {
        if (!Files.isRegularFile(dir.modelFile())) {
            throw new IllegalArgumentException(
                    dir.path() + " has no model.params: its training did not finish; " + "resume that training first");
        }
        TrainingConfig config = dir.readConfig();
        dir.requireOwn(dir.modelFile());
        NetworkClassifier classifier = newClassifier(config);
        Map<String, Shape> built = shapes(classifier.network());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.modelFile()))) {
            classifier.network().loadParameters(classifier.model().getNDManager(), new DataInputStream(in));
            requireShapes(built, shapes(classifier.network()), config);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            classifier.close();
            throw new IllegalArgumentException(
                    "cannot load " + dir.modelFile() + " (" + reason(e)
                            + "); it does not match config.json or is damaged — retrain the run",
                    e);
        }
        boolean finite;
        try {
            finite = finiteOnProbe(classifier, config.dataset());
        } catch (RuntimeException e) { // e.g. parameters of another dataset's shapes: one line, nothing left open
            classifier.close();
            throw e;
        }
        if (!finite) {
            classifier.close();
            throw new IllegalArgumentException(
                    dir.modelFile() + " gives non-finite logits (NaN or infinity) on a probe batch; "
                            + "its parameters are damaged, and evaluating it would report meaningless accuracies — retrain the run");
        }
        return classifier;
    }

    /** @return each parameter's shape, by name, in the network's order */
    private static Map<String, Shape> shapes(Network network) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        network.getParameters()
                .forEach(p -> shapes.put(p.getKey(), p.getValue().getArray().getShape()));
        return shapes;
    }

    /**
     * DJL loads parameters of any shape; one that differs from what config.json builds (weights of
     * an MNIST run under a config.json that says CIFAR-10) would fail only later, in the engine.
     */
    private static void requireShapes(Map<String, Shape> built, Map<String, Shape> loaded, TrainingConfig config) {
        for (Map.Entry<String, Shape> e : built.entrySet()) {
            Shape file = loaded.get(e.getKey());
            if (!e.getValue().equals(file)) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape " + file
                        + " in the file, where " + config.model().id() + " on "
                        + config.dataset().id()
                        + " (what config.json says) has " + e.getValue());
            }
        }
    }

    /** @return whether two flat grey images (0.25 and 0.75) give finite logits */
    private static boolean finiteOnProbe(NetworkClassifier classifier, DatasetName d) {
        try (NDManager m = classifier.model().getNDManager().newSubManager()) {
            Shape one = new Shape(1, d.channels(), d.height(), d.width());
            NDArray z = classifier.logits(m.full(one, 0.25f).concat(m.full(one, 0.75f)));
            return !z.isInfinite().logicalOr(z.isNaN()).any().getBoolean();
        }
    }

    /** @return the parameters an optimiser updates, in a stable order */
    static List<Parameter> trainable(Network network) {
        return network.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .collect(Collectors.toList());
    }

    /** Writes the run's checkpoint, its SHA-256 recorded in config.json before it takes the old one's place. */
    static void save(RunDirectory dir, Network network, Adam adam, List<EpochMetrics> history) throws IOException {
        Path file = dir.checkpointFile();
        AtomicFile.write(file, raw -> {
            DigestOutputStream hashed = FileChecksum.hashing(raw);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(hashed));
            out.writeUTF(MAGIC);
            out.writeUTF(RunDirectory.GSON.toJson(history));
            network.saveParameters(out);
            adam.save(out);
            out.flush();
            dir.recordSha256(file, FileChecksum.hex(hashed));
        });
    }

    static List<EpochMetrics> load(Path file, Network network, Adam adam, NDManager manager) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException("not an isce4j checkpoint");
            }
            List<EpochMetrics> history =
                    RunDirectory.GSON.fromJson(in.readUTF(), new TypeToken<List<EpochMetrics>>() {}.getType());
            network.loadParameters(manager, in);
            // DJL's Parameter.load replaces the arrays without marking them for autograd.
            trainable(network).forEach(p -> p.getArray().setRequiresGradient(true));
            adam.load(in);
            return history;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot resume from " + file + " (" + reason(e) + "); delete the run directory and train again", e);
        }
    }

    /** @return why a file could not be read, never "null": a truncated file throws EOFException without a message */
    private static String reason(Exception e) {
        if (e instanceof EOFException) {
            return "it ends early: truncated";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Writes the run's model.params, its SHA-256 recorded in config.json before it is renamed into place. */
    static void saveParameters(RunDirectory dir, Network network) throws IOException {
        Path file = dir.modelFile();
        AtomicFile.write(file, raw -> {
            DigestOutputStream hashed = FileChecksum.hashing(raw);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(hashed));
            network.saveParameters(out);
            out.flush();
            dir.recordSha256(file, FileChecksum.hex(hashed));
        });
    }
}
