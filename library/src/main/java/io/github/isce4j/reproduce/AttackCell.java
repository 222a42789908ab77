package io.github.isce4j.reproduce;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.attack.AttackSpecJson;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.defense.RandomResizePadding;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.eval.RobustnessResult;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * One attack plan on one trained model (optionally wrapped in random resize + pad) over the first
 * {@code images} test images; its result is an isce4j results.json under {@code cells/}. Only the
 * images that can still change a robust accuracy are attacked (RobustnessEvaluation#survivorsOnly).
 *
 * @param model the trained model
 * @param randomDefense whether the model is attacked inside random resize + pad (exact EOT)
 * @param plan the attack specification and the budgets it is judged at
 * @param images first this many test images
 * @param batchSize images per attack batch (random choices are seeded per batch)
 * @param seed the attack seed
 */
public record AttackCell(
        TrainingCell model, boolean randomDefense, AttackPlan plan, int images, int batchSize, long seed)
        implements ModelEvaluation {

    private static final Gson GSON = new Gson();

    @Override
    public String identity() {
        JsonObject id = new JsonObject();
        id.addProperty("model", model.key());
        id.addProperty("defense", randomDefense ? "random-resize-pad" : "none");
        id.add("spec", JsonParser.parseString(AttackSpecJson.toJson(plan.spec())));
        JsonArray budgets = new JsonArray();
        plan.budgets().forEach(budgets::add);
        id.add("budgets", budgets);
        id.addProperty("budget_norm", plan.budgetNorm().id());
        id.addProperty("test_images", images);
        id.addProperty("batch_size", batchSize);
        id.addProperty("seed", seed);
        id.addProperty("attacked", "survivors");
        return GSON.toJson(id);
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s on %s%s, %d images",
                plan.spec().label(),
                model.name(),
                randomDefense ? " + random resize + pad" : "",
                images);
    }

    @Override
    public String kind() {
        return "attack";
    }

    @Override
    public Path result(Path out) {
        return dir(out).resolve("results.json");
    }

    @Override
    public double units() {
        int patterns = randomDefense
                ? RandomResizePadding.patterns(model.config().dataset().height())
                        .size()
                : 1;
        return (double) images * plan.spec().gradientsPerImage() * patterns;
    }

    @Override
    public Classifier classifier(RunDirectory run, int size) {
        Classifier trained = Checkpoint.loadTrained(run);
        return randomDefense ? new RandomResizePadding(trained, size, seed) : trained;
    }

    /** Writes results.json, .csv and .md into {@link #dir}. */
    @Override
    public void evaluate(
            Lab lab,
            Classifier classifier,
            ImageSet test,
            NDManager manager,
            Function<RobustnessResult, AttackReport> report)
            throws IOException {
        RobustnessResult result = new RobustnessEvaluation(
                        classifier, test.images(manager), test.labelArray(manager), batchSize, seed)
                .survivorsOnly(true)
                .progress(lab.listener())
                .run(plan);
        report.apply(result).write(dir(lab.out()));
    }
}
