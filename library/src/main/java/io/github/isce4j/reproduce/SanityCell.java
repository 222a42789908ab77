package io.github.isce4j.reproduce;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.eval.RobustnessResult;
import io.github.isce4j.eval.SanityCheck;
import io.github.isce4j.eval.SanityChecks;
import io.github.isce4j.eval.SanityReport;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * docs/method.md §7's sanity checks against gradient masking on one trained model, with L2 attacks
 * at the given radii; the result is the sanity.json, .md and .png of {@code isce sanity}.
 *
 * @param model the trained model
 * @param radii increasing L2 radii
 * @param images first this many test images
 * @param queries SimBA's budget in check 4
 * @param seed the attacks' seed
 */
public record SanityCell(TrainingCell model, List<Double> radii, int images, int queries, long seed)
        implements ModelEvaluation {

    private static final Gson GSON = new Gson();

    /**
     * @param checks every check's outcome
     * @param brief e.g. "7 of 8 ok; warning: 6"
     * @param failed whether any check failed
     */
    public record Verdicts(List<SanityCheck> checks, String brief, boolean failed) {
        /** @return the checks that did not come out ok */
        public List<SanityCheck> flagged() {
            return checks.stream()
                    .filter(c -> c.verdict() != SanityCheck.Verdict.OK)
                    .toList();
        }
    }

    @Override
    public String identity() {
        JsonObject id = new JsonObject();
        id.addProperty("model", model.key());
        JsonArray r = new JsonArray();
        radii.forEach(r::add);
        id.add("sanity_l2_radii", r);
        id.addProperty("test_images", images);
        id.addProperty("simba_queries", queries);
        id.addProperty("seed", seed);
        return GSON.toJson(id);
    }

    @Override
    public String describe() {
        return "sanity checks on " + model.name() + ", " + images + " images";
    }

    @Override
    public String kind() {
        return "sanity";
    }

    @Override
    public Path result(Path out) {
        return dir(out).resolve("verdicts.json");
    }

    @Override
    public double units() {
        // the checks run PGD-10 and -50, FGSM, noise, margin PGD, SimBA and an unbounded PGD per radius,
        // and AutoAttack at the middle radius
        double autoAttack =
                AutoAttackSpec.standard(Norm.L2, radii.get(radii.size() / 2)).gradientsPerImage();
        return images * (radii.size() * 150 + autoAttack);
    }

    @Override
    public Classifier classifier(RunDirectory run, int size) {
        return Checkpoint.loadTrained(run);
    }

    /** Writes sanity.json, .md and .png into {@link #dir}, then the verdicts the report reads. */
    @Override
    public void evaluate(
            Lab lab,
            Classifier classifier,
            ImageSet test,
            NDManager manager,
            Function<RobustnessResult, AttackReport> report)
            throws IOException {
        SanityChecks.Outcome outcome = new SanityChecks(
                        classifier, test.images(manager), test.labelArray(manager), 500, seed)
                .progress(lab.listener())
                .run(Norm.L2, radii, queries);
        SanityReport sanity = SanityReport.of(report.apply(outcome.attacks()), outcome);
        sanity.write(dir(lab.out()));
        io.github.isce4j.AtomicFile.writeString(
                result(lab.out()),
                GSON.toJson(new Verdicts(sanity.checks(), sanity.brief(), sanity.anyFailed())) + "\n");
    }

    /**
     * @param out the reproduction's folder
     * @return the verdicts written by {@link #run}
     * @throws IllegalArgumentException naming the file when it is damaged
     */
    public Verdicts read(Path out) {
        return Cell.read(
                result(out),
                GSON,
                Verdicts.class,
                v -> v.checks() != null
                        && v.brief() != null
                        && !v.checks().isEmpty()
                        && v.checks().stream()
                                .allMatch(c ->
                                        c != null && c.verdict() != null && c.claim() != null && c.measured() != null));
    }
}
