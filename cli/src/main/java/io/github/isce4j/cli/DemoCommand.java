package io.github.isce4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.ProgressListener;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.DeepFoolSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PaperProtocolSpec;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.SimBaSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.eval.AttackRow;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.eval.RobustnessPlot;
import io.github.isce4j.eval.RobustnessResult;
import io.github.isce4j.eval.SanityCheck;
import io.github.isce4j.eval.SanityChecks;
import io.github.isce4j.eval.SanityReport;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.Provenance;
import io.github.isce4j.train.RunDirectory;
import io.github.isce4j.train.TrainingConfig;
import io.github.isce4j.train.TrainingResult;
import io.github.isce4j.train.TrainingRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code isce demo}: LeNet-5 on MNIST with SCE and with I-SCE, trained and attacked side by side. */
@Command(
        name = "demo",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Train LeNet-5 on MNIST with SCE and with I-SCE, attack both and compare them.",
            "I-SCE uses the paper variant, s = 1, m = 0.1. The attacks run on the first --n test images: "
                    + "PGD-L2 (10 and 50 steps, untargeted and least-likely targeted, CE and margin losses), "
                    + "the paper-protocol attack, DeepFool, SimBA-DCT (300 queries) and AutoAttack (standard, L2 eps 1 "
                    + "and L∞ eps 0.1), then docs/method.md §7's sanity "
                    + "checks against gradient masking on the first 300. Prints one comparison table and writes a PNG "
                    + "plot. Works offline: MNIST ships with isce4j. Finished runs are "
                    + "reused and interrupted ones resumed.",
            ""
        })
final class DemoCommand implements Callable<Integer> {

    private static final List<Double> RADII = List.of(0.5, 1.0, 1.5, 2.0);
    private static final List<Double> PAPER_EPS = List.of(0.02, 0.04);
    private static final DeepFoolSpec DEEPFOOL = new DeepFoolSpec();
    private static final SimBaSpec SIMBA = SimBaSpec.dct().queries(300).build();
    private static final int SANITY_IMAGES = 300;
    /** The demo's AutoAttack rows: the standard cascade at L2 eps 1 and L∞ eps 0.1. */
    private static final List<AutoAttackSpec> AUTOATTACK =
            List.of(AutoAttackSpec.standard(Norm.L2, 1.0), AutoAttackSpec.standard(Norm.LINF, 0.1));

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs per model (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--n", defaultValue = "1000", description = "Test images to attack (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(
            names = "--out",
            defaultValue = "runs/demo",
            paramLabel = "DIR",
            description = "Where the run directories and the summary go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new UserError("--n must be >= 1");
        }
        OutputFolder.requireWritable(out, "--out");
        List<TrainingResult> runs = new ArrayList<>();
        try (InterruptAdvice advice = InterruptAdvice.on(
                "run the same command again: finished trainings are reused " + "and an interrupted one resumes")) {
            for (LossConfig loss : List.of(SceConfig.DEFAULT, IsceConfig.DEFAULT)) {
                TrainingConfig config = TrainingConfig.builder()
                        .setDataset(DatasetName.MNIST)
                        .setModel(Architecture.LENET5)
                        .setLoss(loss)
                        .optEpochs(epochs)
                        .optSeed(seed)
                        .build();
                System.out.println("== training LeNet-5 on MNIST with " + loss.describe());
                runs.add(TrainingRun.ensure(
                        config, out.resolve("lenet5-" + loss.name().id()), data.locator(), System.out));
            }
        }
        ImageSet test = data.testImages(DatasetName.MNIST, limit);
        List<AttackReport> reports = new ArrayList<>();
        for (TrainingResult run : runs) {
            System.out.println(
                    "== attacking " + run.config().loss().describe() + " on the first " + test.size() + " test images");
            AttackReport report = attack(run, test);
            report.write(run.dir().resolve("attacks").resolve("demo"));
            reports.add(report);
        }
        ImageSet checked = test.atMost(SANITY_IMAGES);
        List<SanityReport> sanity = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            TrainingResult run = runs.get(i);
            System.out.println("== sanity checks (docs/method.md §7) for "
                    + run.config().loss().describe() + " on the first " + checked.size() + " test images");
            SanityReport report = sanity(run, checked);
            report.write(run.dir().resolve("sanity"));
            sanity.add(report);
        }
        String table = table(runs, reports, sanity, test.size());
        AtomicFile.writeString(out.resolve("summary.md"), table);
        plot(runs, reports).write(out.resolve("robustness.png"));
        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.println("Written: " + out.resolve("summary.md") + " (this table), " + out.resolve("robustness.png")
                + " (accuracy vs eps), and per model results.{json,csv,md} in "
                + runs.get(0).dir().resolve("attacks/demo") + " and "
                + runs.get(1).dir().resolve("attacks/demo")
                + ", sanity.{json,md,png} in " + runs.get(0).dir().resolve("sanity") + " and "
                + runs.get(1).dir().resolve("sanity"));
        return 0;
    }

    private AttackReport attack(TrainingResult run, ImageSet test) {
        Instant started = Instant.now();
        RunDirectory dir = RunDirectory.open(run.dir());
        try (NetworkClassifier classifier = Checkpoint.loadTrained(dir);
                NDManager manager = NDManager.newBaseManager()) {
            RobustnessEvaluation evaluation = new RobustnessEvaluation(
                            classifier, test.images(manager), test.labelArray(manager), 500, seed)
                    .progress(ProgressListener.bar());
            RobustnessResult result = evaluation.run(plans());
            return new AttackReport(
                    classifier.description(),
                    "mnist",
                    "the first " + test.size() + " test images",
                    seed,
                    result,
                    Provenance.ofEvaluation(test, dir.modelFile(), dir.readConfigJson(), seed, started));
        }
    }

    private SanityReport sanity(TrainingResult run, ImageSet test) {
        Instant started = Instant.now();
        RunDirectory dir = RunDirectory.open(run.dir());
        try (NetworkClassifier classifier = Checkpoint.loadTrained(dir);
                NDManager manager = NDManager.newBaseManager()) {
            SanityChecks.Outcome outcome = new SanityChecks(
                            classifier, test.images(manager), test.labelArray(manager), 500, seed)
                    .progress(ProgressListener.bar())
                    .run(Norm.L2, RADII, 300);
            return SanityReport.of(
                    new AttackReport(
                            classifier.description(),
                            "mnist",
                            "the first " + test.size() + " test images",
                            seed,
                            outcome.attacks(),
                            Provenance.ofEvaluation(test, dir.modelFile(), dir.readConfigJson(), seed, started)),
                    outcome);
        }
    }

    /** PGD-L2 untargeted and least-likely targeted, 10 and 50 steps, per radius, worst of ce and margin. */
    static List<PgdSpec> pgdSpecs() {
        List<PgdSpec> specs = new ArrayList<>();
        for (TargetChoice target : List.of(TargetChoice.NONE, TargetChoice.LEAST_LIKELY)) {
            for (int steps : List.of(10, 50)) {
                RADII.forEach(eps ->
                        specs.add(PgdSpec.l2(eps).steps(steps).target(target).build()));
            }
        }
        return specs;
    }

    static List<AttackPlan> plans() {
        List<AttackPlan> plans = new ArrayList<>();
        pgdSpecs().forEach(spec -> plans.add(AttackPlan.of(spec)));
        for (TargetChoice target : List.of(TargetChoice.NONE, TargetChoice.LEAST_LIKELY)) {
            for (double eps : PAPER_EPS) {
                plans.add(AttackPlan.of(new PaperProtocolSpec(eps, 50, target)));
            }
        }
        plans.add(AttackPlan.judgedAt(DEEPFOOL, RADII, Norm.L2));
        plans.add(AttackPlan.judgedAt(SIMBA, RADII.subList(0, 3), Norm.L2));
        AUTOATTACK.forEach(spec -> plans.add(AttackPlan.of(spec)));
        return plans;
    }

    private String table(List<TrainingResult> runs, List<AttackReport> reports, List<SanityReport> sanity, int images) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "LeNet-5 on MNIST, %d epochs, Adam lr 1e-3, batch 128, seed %d. Clean accuracy "
                        + "on the 10,000 test images; attacks on the first %,d. Robust accuracy in %%.%n%n",
                epochs,
                seed,
                images));
        md.append("| | protocol | ")
                .append(runs.get(0).config().loss().describe())
                .append(" | ")
                .append(runs.get(1).config().loss().describe())
                .append(" |\n|---|---|---:|---:|\n");
        md.append(String.format(
                Locale.ROOT,
                "| clean accuracy (10,000 images) | | %.2f | %.2f |%n",
                100 * runs.get(0).testAccuracy(),
                100 * runs.get(1).testAccuracy()));
        md.append(String.format(
                Locale.ROOT,
                "| clean accuracy (attacked images) | | %.2f | %.2f |%n",
                100 * reports.get(0).cleanAccuracy(),
                100 * reports.get(1).cleanAccuracy()));
        for (AttackRow a : reports.get(0).rows()) {
            AttackRow b = reports.get(1).row(a.spec(), a.budget());
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %.2f |%n",
                    a.attack(),
                    a.protocol(),
                    100 * a.robustAccuracy(),
                    100 * b.robustAccuracy()));
        }
        md.append(String.format(
                Locale.ROOT,
                "| training speed (median img/s) | | %,.0f | %,.0f |%n",
                runs.get(0).medianImagesPerSecond(),
                runs.get(1).medianImagesPerSecond()));
        double seconds0 = reports.get(0).rows().stream()
                .mapToDouble(AttackRow::seconds)
                .distinct()
                .sum();
        double seconds1 = reports.get(1).rows().stream()
                .mapToDouble(AttackRow::seconds)
                .distinct()
                .sum();
        md.append(String.format(Locale.ROOT, "| attack time (all rows) | | %.0f s | %.0f s |%n", seconds0, seconds1));
        md.append(String.format(
                Locale.ROOT,
                "| sanity checks (docs/method.md §7, first %d images) | | %s | %s |%n",
                SANITY_IMAGES,
                sanity.get(0).brief(),
                sanity.get(1).brief()));
        md.append('\n').append(AttackReport.FOOTER).append('\n');
        for (int r = 0; r < runs.size(); r++) {
            for (SanityCheck c : sanity.get(r).flagged()) {
                md.append(String.format(
                        Locale.ROOT,
                        "%nSanity check %d (%s) for %s: %s. %s.%n",
                        c.number(),
                        c.verdict().word(),
                        runs.get(r).config().loss().describe(),
                        c.claim(),
                        c.measured()));
            }
        }
        return md.toString();
    }

    private static RobustnessPlot plot(List<TrainingResult> runs, List<AttackReport> reports) {
        RobustnessPlot plot = new RobustnessPlot(
                "LeNet-5 on MNIST: robust accuracy under L2 attacks", "L2 radius eps ([0, 1] pixel units)");
        for (int r = 0; r < runs.size(); r++) {
            String loss = runs.get(r)
                    .config()
                    .loss()
                    .name()
                    .id()
                    .toUpperCase(Locale.ROOT)
                    .replace("ISCE", "I-SCE");
            AttackReport report = reports.get(r);
            for (double eps : RADII) {
                PgdSpec pgd = PgdSpec.l2(eps).steps(50).build();
                curve(
                        plot,
                        loss + ", PGD-L2 50 steps",
                        eps,
                        report.cleanAccuracy(),
                        report.row(pgd).robustAccuracy());
                curve(
                        plot,
                        loss + ", DeepFool (L2 budget)",
                        eps,
                        report.cleanAccuracy(),
                        report.row(DEEPFOOL, eps).robustAccuracy());
            }
        }
        return plot;
    }

    private static void curve(RobustnessPlot plot, String line, double eps, double clean, double accuracy) {
        plot.add(line, 0, clean);
        plot.add(line, eps, accuracy);
    }
}
