package io.github.isce4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.ProgressListener;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.eval.SanityChecks;
import io.github.isce4j.eval.SanityReport;
import io.github.isce4j.eval.Target;
import io.github.isce4j.model.Classifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code isce sanity}: docs/method.md §7's checks against gradient masking for one model. */
@Command(
        name = "sanity",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Check that a model's robustness numbers can be trusted, against gradient masking (docs/method.md §7).",
            "Runs attacks in one norm (--norm) on the first N test images and judges nine checks: accuracy reaches ~0 under an "
                    + "unbounded attack; it never rises with eps, steps or restarts; FGSM never beats PGD; "
                    + "white-box beats SimBA; random noise is far weaker than the attack; margin/DLR (PGD, and APGD-T "
                    + "on the targeted DLR) find no much lower accuracy than CE; input gradients are finite and not "
                    + "mostly zero; predictions are deterministic and independent of the batch; AutoAttack (standard) "
                    + "finds no much lower accuracy than the other attacks.",
            "Writes sanity.json, sanity.md, sanity.png (accuracy against eps per attack) and the attack rows "
                    + "(results.*) to --out. Exit code 1 when a check failed.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  isce sanity runs/demo/lenet5-isce",
            "  isce sanity runs/demo/lenet5-isce --norm linf",
            "  isce sanity model.pt --dataset cifar10 --n 200",
            "  isce sanity runs/demo/lenet5-sce --defense random-pad --n 200"
        })
final class SanityCommand implements Callable<Integer> {

    @Mixin
    TargetOption target;

    @Option(
            names = "--norm",
            defaultValue = "l2",
            paramLabel = "N",
            description = "l2 or linf: the norm of every attack and budget (default: ${DEFAULT-VALUE}).")
    String norm;

    @Option(
            names = "--eps",
            split = ",",
            paramLabel = "E",
            description = "Increasing radii in [0, 1] pixel units, "
                    + "at least two (default: L2 0.5,1,1.5,2 on MNIST and Fashion-MNIST, 0.25,0.5,0.75,1 on CIFAR-10; "
                    + "L∞ 0.1,0.2,0.3,0.4 on MNIST and Fashion-MNIST, 2/255,4/255,8/255,16/255 on CIFAR-10).")
    List<Double> eps;

    @Option(
            names = "--queries",
            paramLabel = "Q",
            description =
                    "SimBA-DCT query budget per image (default: 300 on MNIST and Fashion-MNIST, 500 on CIFAR-10).")
    Integer queries;

    @Mixin
    TestImagesOption images = new TestImagesOption(500);

    @Mixin
    SeedOption seed;

    @Mixin
    OutOption out = new OutOption("TARGET/sanity for a run directory");

    @Mixin
    DefenseOption defense;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        images.check();
        if (queries != null && queries < 1) {
            throw new UserError("--queries must be >= 1");
        }
        checkRadii();
        Norm threat = Norm.parse(norm);
        defense.randomPad();
        Instant started = Instant.now();
        try (OutputFolder.Claim claim = out.claim(
                        () -> target.defaultOut("sanity", null), "sanity checks (sanity.json)", Set.of("sanity.json"));
                Target t = target.open(images.batchSize);
                NDManager manager = NDManager.newBaseManager()) {
            Path dir = claim.path();
            boolean cifar = t.dataset() == DatasetName.CIFAR10;
            List<Double> radii = eps != null ? eps : defaultRadii(threat, cifar);
            int budget = queries != null ? queries : cifar ? 500 : 300;
            ImageSet test = images.load(data, t.dataset());
            Classifier classifier = defense.wrap(t.classifier(), t.dataset(), seed.seed);
            SanityChecks.Outcome outcome = new SanityChecks(
                            classifier, test.images(manager), test.labelArray(manager), images.batchSize, seed.seed)
                    .progress(ProgressListener.bar())
                    .run(threat, radii, budget);
            String which = String.format(Locale.ROOT, "the first %,d test images", test.size());
            SanityReport report = SanityReport.of(
                    new AttackReport(
                            defense.describe(t.classifier()),
                            t.dataset().id(),
                            which,
                            seed.seed,
                            outcome.attacks(),
                            t.provenance(test, seed.seed, started)),
                    outcome);
            report.write(dir);
            System.out.println();
            System.out.print(report.markdown());
            System.out.println();
            System.out.println("Results: " + dir.resolve("sanity.md")
                    + " (also sanity.json, sanity.png; the attacks in results.md)");
            if (report.anyFailed()) {
                throw new ChecksFailed("a sanity check failed, so these robustness numbers cannot be trusted; see "
                        + dir.resolve("sanity.md"));
            }
            return 0;
        }
    }

    private static List<Double> defaultRadii(Norm norm, boolean cifar) {
        if (norm == Norm.L2) {
            return cifar ? List.of(0.25, 0.5, 0.75, 1.0) : List.of(0.5, 1.0, 1.5, 2.0);
        }
        return cifar ? List.of(2 / 255.0, 4 / 255.0, 8 / 255.0, 16 / 255.0) : List.of(0.1, 0.2, 0.3, 0.4);
    }

    private void checkRadii() {
        if (eps == null) {
            return;
        }
        if (eps.size() < 2) {
            throw new UserError("--eps needs at least two radii, to see how accuracy falls with eps");
        }
        for (int i = 0; i < eps.size(); i++) {
            double e = eps.get(i);
            if (!(e > 0) || Double.isInfinite(e) || (i > 0 && e <= eps.get(i - 1))) {
                throw new UserError("--eps must be finite, > 0 and increasing, got " + eps);
            }
        }
    }
}
