package io.github.isce4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.InvalidSetting;
import io.github.isce4j.ProgressListener;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.Protocol;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.eval.RobustnessResult;
import io.github.isce4j.eval.Target;
import io.github.isce4j.model.Classifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code isce attack}: attacks a run directory or a TorchScript file and writes result tables. */
@Command(
        name = "attack",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Attack a trained model on the first N test images and report robust accuracy.",
            "Every combination of --eps, --steps and --target is one row. Writes results.json, results.csv and "
                    + "results.md and a plot of accuracy against eps, results.png, to --out and prints the table.",
            ""
        },
        footer = {
            "",
            "Attacks:",
            "  pgd-l2, pgd-linf    projected gradient descent (--eps radius, --steps, --target, --loss)",
            "  fgsm-l2, fgsm-linf  one gradient step of size eps",
            "  deepfool            minimal L2 perturbation; judged at each --eps as a budget, plus unbounded",
            "  simba-pixel, simba-dct  black-box, --queries per image; judged at each --eps as a budget",
            "  fab-t-l2, fab-t-linf  FAB-T (AutoAttack's stage): minimal points over 9 targets, judged at each",
            "                      --eps as a budget in its own norm, plus unbounded",
            "  square-l2, square-linf  Square attack, black-box, --eps radius, --queries per image (default 5,000)",
            "  apgd-ce-l2, apgd-ce-linf, apgd-dlr-l2, apgd-dlr-linf  Auto-PGD, 100 iterations, at each --eps",
            "  apgd-t-l2, apgd-t-linf  Auto-PGD on the targeted DLR toward the 9 runner-up classes",
            "  autoattack-l2, autoattack-linf  AutoAttack's standard cascade at each --eps: APGD-CE, APGD-T, FAB-T, Square;",
            "           each stage on the images still robust; the row shows the accuracy after each stage",
            "  autoattack-rand-l2, autoattack-rand-linf  APGD-CE and APGD-DLR with gradients averaged over 20 draws",
            "           (EOT), for randomized defenses",
            "  (budgets bound the L2 norm, or the L∞ norm when the gradient attacks asked for are all -linf)",
            "Protocols:",
            "  bounded  true radii in [0, 1] pixel units; default losses ce and margin, worst case per image",
            "  paper    the authors' script for pgd: unprojected sign steps of eps/2, label = clean prediction,",
            "           CE on the deployed output; eps in the paper's units (e.g. 0.02, 0.04)",
            "",
            "Examples:",
            "  isce attack runs/demo/lenet5-isce --attack pgd-l2 --eps 0.5,1,1.5,2 --steps 10,50 --target none,ll",
            "  isce attack runs/demo/lenet5-isce --attack pgd-l2 --protocol paper --eps 0.02,0.04 --steps 50",
            "  isce attack model.pt --dataset cifar10 --attack deepfool,simba-dct --eps 0.5,1,1.5 --n 500",
            "  isce attack runs/demo/lenet5-sce --attack pgd-l2 --eps 1 --steps 10 --defense random-pad",
            "  isce attack runs/demo/lenet5-isce --attack autoattack-linf --eps 0.1,0.2"
        })
final class AttackCommand implements Callable<Integer> {

    @Mixin
    TargetOption target;

    @Option(
            names = "--attack",
            defaultValue = "pgd-l2",
            split = ",",
            paramLabel = "NAME",
            converter = AttackName.Converter.class,
            description = "Attacks, comma-separated (default: ${DEFAULT-VALUE}; list below).")
    List<AttackName> attacks;

    @Option(
            names = "--eps",
            defaultValue = "0.5,1,1.5,2",
            split = ",",
            paramLabel = "E",
            description = "Radii (paper protocol: per-step size in the paper's units) (default: ${DEFAULT-VALUE}).")
    List<Double> eps;

    @Option(
            names = "--steps",
            defaultValue = "10,50",
            split = ",",
            paramLabel = "S",
            description = "PGD steps (default: ${DEFAULT-VALUE}).")
    List<Integer> steps;

    @Option(
            names = "--target",
            defaultValue = "none",
            split = ",",
            paramLabel = "T",
            description = "none, ll (least likely on the clean logits) or random; comma-separated for several "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(
            names = "--protocol",
            defaultValue = "bounded",
            paramLabel = "P",
            description = "bounded or paper (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(
            names = "--loss",
            split = ",",
            paramLabel = "L",
            description = "Attack losses for pgd/fgsm: ce (deployed output), margin, dlr; with several, an image "
                    + "is robust only if it survives all (default: ce,margin).")
    List<String> losses;

    @Option(names = "--step-size", paramLabel = "A", description = "PGD step size (default: 2.5·eps/steps).")
    Double stepSize;

    @Option(names = "--random-start", description = "Start PGD uniformly in the eps-ball.")
    boolean randomStart;

    @Option(
            names = "--restarts",
            defaultValue = "1",
            description = "PGD and APGD restarts, best kept per image (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(
            names = "--queries",
            paramLabel = "Q",
            description = "Query budget per image of SimBA and Square, the "
                    + "first query included (default: 300 for SimBA, the paper's MNIST budget; 5,000 for Square).")
    Integer queries;

    @Option(names = "--simba-eps", defaultValue = "0.2", description = "SimBA step size (default: ${DEFAULT-VALUE}).")
    double simbaEps;

    @Mixin
    TestImagesOption images = new TestImagesOption(1000);

    @Mixin
    SeedOption seed;

    @Mixin
    OutOption out = new OutOption("TARGET/attacks/ATTACKS-PROTOCOL for a run directory");

    @Mixin
    DefenseOption defense;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        images.check();
        List<AttackPlan> plans = plans();
        defense.randomPad();
        Instant started = Instant.now();
        try (OutputFolder.Claim claim = out.claim(
                        () -> target.defaultOut(
                                "attacks",
                                attacks.stream().distinct().map(AttackName::id).collect(Collectors.joining("+")) + "-"
                                        + protocol.toLowerCase(Locale.ROOT)),
                        "attack results (results.json)",
                        Set.of("results.json"));
                Target t = target.open(images.batchSize);
                NDManager manager = NDManager.newBaseManager()) {
            Path dir = claim.path();
            ImageSet test = images.load(data, t.dataset());
            Classifier classifier = defense.wrap(t.classifier(), t.dataset(), seed.seed);
            RobustnessEvaluation evaluation = new RobustnessEvaluation(
                            classifier, test.images(manager), test.labelArray(manager), images.batchSize, seed.seed)
                    .progress(ProgressListener.bar());
            String which = String.format(Locale.ROOT, "the first %,d test images", test.size());
            RobustnessResult result = evaluation.run(plans);
            AttackReport report = new AttackReport(
                    defense.describe(t.classifier()),
                    t.dataset().id(),
                    which,
                    seed.seed,
                    result,
                    t.provenance(test, seed.seed, started));
            report.save(dir);
            System.out.println();
            System.out.print(report.markdown());
            System.out.println();
            System.out.println(
                    "Results: " + dir.resolve("results.md") + " (also results.json, results.csv, results.png)");
        }
        return 0;
    }

    /** @return the plans the flags ask for, each attack setting once */
    List<AttackPlan> plans() {
        Protocol p = parseProtocol();
        for (double e : eps) {
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new UserError("--eps values must be finite and >= 0, got " + e);
            }
        }
        for (int s : steps) {
            if (s < 1) {
                throw new UserError("--steps values must be >= 1, got " + s);
            }
        }
        if (p == Protocol.PAPER && (stepSize != null || randomStart || restarts != 1)) {
            throw new UserError("--protocol paper takes its steps from the authors' script (sign steps of eps/2 "
                    + "from the image, one run), so --step-size, --random-start and --restarts contradict it; "
                    + "drop them, or use --protocol bounded");
        }
        if (queries != null && queries < 1) { // checked here too: attacks that take no queries would ignore it
            throw new UserError("--queries must be >= 1, got " + queries);
        }
        AttackName.Grid grid = AttackName.Grid.builder(eps)
                .protocol(p)
                .steps(steps)
                .targets(targets.stream().map(TargetChoice::parse).distinct().collect(Collectors.toList()))
                .losses(attackLosses(p))
                .stepSize(stepSize)
                .randomStart(randomStart)
                .restarts(restarts)
                .queries(queries)
                .simbaEps(simbaEps)
                .build();
        Norm budgetNorm = budgetNorm();
        List<AttackPlan> plans = new ArrayList<>();
        for (AttackName name : attacks.stream().distinct().toList()) {
            if (p == Protocol.PAPER && name != AttackName.PGD_L2 && name != AttackName.PGD_LINF) {
                throw new UserError(
                        "--protocol paper applies to pgd only; run " + name.id() + " with --protocol bounded");
            }
            try {
                for (AttackSpec spec : name.specs(grid)) {
                    plans.add(
                            name.judgedAtBudgets()
                                    ? AttackPlan.judgedAt(spec, eps, name.budgetNorm(budgetNorm))
                                    : AttackPlan.of(spec));
                }
            } catch (InvalidSetting e) {
                throw SPEC_FLAGS.contains(e.setting())
                        ? new UserError(name.id() + ": " + UserError.flag(e.setting(), Map.of()) + " " + e.problem(), e)
                        : new UserError(name.id() + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new UserError(
                        name.id() + ": " + e.getMessage() + " (see the --step-size, --restarts, --queries "
                                + "and --simba-eps flags)",
                        e);
            }
        }
        return plans.stream().distinct().collect(Collectors.toList());
    }

    /** The spec settings this command sets by a flag of the same name, the rest being the attacks' own. */
    private static final Set<String> SPEC_FLAGS =
            Set.of("eps", "steps", "step_size", "restarts", "queries", "simba_eps");

    /** @return L∞ when the command's gradient attacks are all L∞, so one --eps list means one norm; else L2 */
    private Norm budgetNorm() {
        List<Norm> gradient =
                attacks.stream().map(AttackName::norm).filter(n -> n != null).toList();
        return !gradient.isEmpty() && gradient.stream().allMatch(n -> n == Norm.LINF) ? Norm.LINF : Norm.L2;
    }

    /** @return the protocol; an unknown name is refused with Protocol.parse's own line, which names the choices */
    private Protocol parseProtocol() {
        return Protocol.parse(protocol);
    }

    private List<AttackLoss> attackLosses(Protocol p) {
        if (losses == null) {
            return p == Protocol.PAPER ? List.of(AttackLoss.CE) : PgdSpec.DEFAULT_LOSSES;
        }
        List<AttackLoss> parsed =
                losses.stream().map(AttackLoss::parse).distinct().collect(Collectors.toList());
        if (p == Protocol.PAPER && !parsed.equals(List.of(AttackLoss.CE))) {
            throw new UserError("the paper protocol always uses ce on the deployed output; drop --loss");
        }
        return parsed;
    }
}
