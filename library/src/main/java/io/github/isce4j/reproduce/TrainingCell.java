package io.github.isce4j.reproduce;

import com.google.gson.Gson;
import io.github.isce4j.ProgressListener;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.train.RunDirectory;
import io.github.isce4j.train.TrainingConfig;
import io.github.isce4j.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One trained model: a run directory under {@code models/}, shared by every recipe that needs the
 * same configuration (its key is the hash of config.json's "training" object).
 *
 * @param name what the model is, e.g. "ResNet-32 MNIST I-SCE (paper variant)"
 * @param slug a file-name-safe short form of the name
 * @param config everything that decides the training
 * @param expectedEpochs the epochs the estimate expects: the configured ones, or fewer where early
 *     stopping is expected to end training sooner (not part of the key: it decides nothing)
 */
public record TrainingCell(String name, String slug, TrainingConfig config, int expectedEpochs) implements Cell {

    private static final Gson GSON = new Gson();

    @Override
    public String identity() {
        return GSON.toJson(RunDirectory.trainingJson(config));
    }

    @Override
    public String describe() {
        return "train " + name;
    }

    @Override
    public List<Cell> needs() {
        return List.of();
    }

    /**
     * @param out the reproduction's folder
     * @return the run directory, under its models folder
     */
    public Path dir(Path out) {
        return out.resolve("models").resolve(slug + "-" + key());
    }

    @Override
    public Path result(Path out) {
        return dir(out).resolve("model.params");
    }

    @Override
    public double units() {
        int images = config.trainLimit() > 0
                ? config.trainLimit()
                : config.dataset() == DatasetName.CIFAR10 ? 50_000 : 60_000;
        int passes =
                config.adversarial() == null ? 1 : config.adversarial().pgd().steps() + 1;
        return (double) images * expectedEpochs * passes;
    }

    @Override
    public String rateKey() {
        return String.format(
                Locale.ROOT,
                "%s %s %s",
                config.adversarial() == null ? "train" : "adversarial-train",
                config.model().id(),
                config.dataset().id());
    }

    @Override
    public void run(Lab lab) throws IOException {
        lab.log().println("== " + describe());
        ProgressListener cell = lab.listener();
        cell.start(describe(), 1000L * config.epochs(), "epoch/1000");
        TrainingRun.ensure(config, dir(lab.out()), lab.data(), lab.log(), new ProgressListener() {
            private int epoch = -1;
            private long images = 1;

            @Override
            public void start(String task, long total, String unit) {
                epoch++;
                images = Math.max(1, total);
            }

            @Override
            public void update(long done, String status) {
                cell.update(Math.round(1000 * (epoch + done / (double) images)), status);
            }

            @Override
            public void finish() {}
        });
    }
}
