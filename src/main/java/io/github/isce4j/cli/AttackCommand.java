package io.github.isce4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.UserError;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.DeepFool;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.SimBa;
import io.github.isce4j.attack.SimBaBasis;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.AttackPlans;
import io.github.isce4j.eval.AttackReport;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.eval.Target;
import io.github.isce4j.model.Classifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code isce attack}: attacks a run directory or a TorchScript file and writes result tables. */
@Command(name = "attack", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Attack a trained model on the first N test images and report robust accuracy.",
            "Every combination of --eps, --steps and --target is one row. Writes results.json, results.csv and "
                    + "results.md and a plot of accuracy against eps, results.png, to --out and prints the table.", ""},
        footer = {"", "Attacks:",
            "  pgd-l2, pgd-linf    projected gradient descent (--eps radius, --steps, --target, --loss)",
            "  fgsm-l2, fgsm-linf  one gradient step of size eps",
            "  deepfool            minimal L2 perturbation; judged at each --eps as a budget, plus unbounded",
            "  simba-pixel, simba-dct  black-box, --queries per image; judged at each --eps as a budget",
            "  (budgets bound the L2 norm, or the L∞ norm when the gradient attacks asked for are all -linf)",
            "Protocols:",
            "  bounded  true radii in [0, 1] pixel units; default losses ce and margin, worst case per image",
            "  paper    the authors' script for pgd: unprojected sign steps of eps/2, label = clean prediction,",
            "           CE on the deployed output; eps in the paper's units (e.g. 0.02, 0.04)",
            "", "Examples:",
            "  isce attack runs/demo/lenet5-isce --attack pgd-l2 --eps 0.5,1,1.5,2 --steps 10,50 --target none,ll",
            "  isce attack runs/demo/lenet5-isce --attack pgd-l2 --protocol paper --eps 0.02,0.04 --steps 50",
            "  isce attack model.pt --dataset cifar10 --attack deepfool,simba-dct --eps 0.5,1,1.5 --n 500",
            "  isce attack runs/demo/lenet5-sce --attack pgd-l2 --eps 1 --steps 10 --defense random-pad"})
final class AttackCommand implements Callable<Integer> {

    @Mixin
    TargetOption target;

    @Option(names = "--attack", defaultValue = "pgd-l2", split = ",", paramLabel = "NAME",
            description = "Attacks, comma-separated (default: ${DEFAULT-VALUE}; list below).")
    List<String> attacks;

    @Option(names = "--eps", defaultValue = "0.5,1,1.5,2", split = ",", paramLabel = "E",
            description = "Radii (paper protocol: per-step size in the paper's units) (default: ${DEFAULT-VALUE}).")
    List<Double> eps;

    @Option(names = "--steps", defaultValue = "10,50", split = ",", paramLabel = "S",
            description = "PGD steps (default: ${DEFAULT-VALUE}).")
    List<Integer> steps;

    @Option(names = "--target", defaultValue = "none", split = ",", paramLabel = "T",
            description = "none, ll (least likely on the clean logits) or random; comma-separated for several "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--protocol", defaultValue = "bounded", paramLabel = "P",
            description = "bounded or paper (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--loss", split = ",", paramLabel = "L",
            description = "Attack losses for pgd/fgsm: ce (deployed output), margin, dlr; with several, an image "
                    + "is robust only if it survives all (default: ce,margin).")
    List<String> losses;

    @Option(names = "--step-size", paramLabel = "A", description = "PGD step size (default: 2.5·eps/steps).")
    Double stepSize;

    @Option(names = "--random-start", description = "Start PGD uniformly in the eps-ball.")
    boolean randomStart;

    @Option(names = "--restarts", defaultValue = "1", description = "PGD restarts, best kept per image (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--queries", defaultValue = "300", description = "SimBA query budget per image, the first "
            + "query included (paper: 300 MNIST, 500 CIFAR-10) (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--simba-eps", defaultValue = "0.2", description = "SimBA step size (default: ${DEFAULT-VALUE}).")
    double simbaEps;

    @Option(names = "--n", defaultValue = "1000", paramLabel = "N",
            description = "Attack the first N test images in file order (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for targets, random starts and SimBA (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "500", description = "Images per attack batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the results go (default: TARGET/attacks/ATTACKS-PROTOCOL for a run directory).")
    Path out;

    @Mixin
    DefenseOption defense;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || batchSize < 1) {
            throw new UserError("--n and --batch-size must be >= 1");
        }
        List<AttackPlan> plans = plans();
        defense.randomPad();
        try (Target t = target.open();
                NDManager manager = NDManager.newBaseManager()) {
            ImageSet test = data.testImages(t.dataset(), limit);
            Classifier classifier = defense.wrap(t.classifier(), t.dataset(), seed);
            RobustnessEvaluation evaluation = new RobustnessEvaluation(classifier, test.images(manager),
                    test.labelArray(manager), batchSize, seed);
            String which = String.format(Locale.ROOT, "the first %,d test images", test.size());
            AttackReport report = new AttackReport(defense.describe(t.classifier()), t.dataset().id(), which, seed,
                    evaluation.cleanAccuracy(), evaluation.run(plans));
            Path dir = out != null ? out : target.defaultOut("attacks",
                    String.join("+", attacks) + "-" + protocol.toLowerCase(Locale.ROOT));
            report.write(dir);
            boolean paperUnits = protocol.equalsIgnoreCase(AttackPlans.PAPER);
            report.plot(paperUnits ? "eps (the paper's per-step units)" : "radius eps ([0, 1] pixel units)")
                    .write(dir.resolve("results.png"));
            System.out.println();
            System.out.print(report.markdown());
            System.out.println();
            System.out.println("Results: " + dir.resolve("results.md") + " (also results.json, results.csv, results.png)");
        }
        return 0;
    }

    List<AttackPlan> plans() {
        boolean paper = parseProtocol();
        List<AttackLoss> attackLosses = attackLosses(paper);
        List<TargetChoice> targetChoices = targets.stream().map(TargetChoice::parse).collect(Collectors.toList());
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
        List<AttackPlan> plans = new ArrayList<>();
        for (String name : attacks) {
            String a = name.toLowerCase(Locale.ROOT).trim();
            if (paper && !a.startsWith("pgd")) {
                throw new UserError("--protocol paper applies to pgd only; run " + a + " with --protocol bounded");
            }
            if (a.startsWith("pgd-") || a.equals("pgd")) {
                for (TargetChoice target : targetChoices) {
                    for (int s : steps) {
                        for (double e : eps) {
                            plans.add(paper ? AttackPlans.paper(e, s, target)
                                    : AttackPlans.pgd(norm(a), e, s, stepSize == null ? Double.NaN : stepSize,
                                            randomStart, restarts, target, attackLosses));
                        }
                    }
                }
            } else if (a.startsWith("fgsm-")) {
                for (double e : eps) {
                    plans.add(AttackPlans.fgsm(norm(a), e, attackLosses));
                }
            } else if (a.equals("deepfool")) {
                plans.add(AttackPlans.judgedAtBudgets(new DeepFool(), eps, budgetNorm()));
            } else if (a.startsWith("simba-")) {
                SimBaBasis basis = SimBaBasis.parse(a.substring("simba-".length()));
                for (TargetChoice target : targetChoices) {
                    plans.add(AttackPlans.judgedAtBudgets(
                            new SimBa(basis, simbaEps, queries, Double.POSITIVE_INFINITY, target), eps, budgetNorm()));
                }
            } else {
                throw new UserError("unknown attack '" + name + "'; choose pgd-l2, pgd-linf, fgsm-l2, fgsm-linf, deepfool, "
                        + "simba-pixel or simba-dct");
            }
        }
        return plans;
    }

    /** @return L∞ when the command's gradient attacks are all L∞, so one --eps list means one norm; else L2 */
    private Norm budgetNorm() {
        List<String> gradient = attacks.stream().map(a -> a.toLowerCase(Locale.ROOT).trim())
                .filter(a -> a.startsWith("pgd") || a.startsWith("fgsm-")).collect(Collectors.toList());
        return !gradient.isEmpty() && gradient.stream().allMatch(a -> a.endsWith("-linf")) ? Norm.LINF : Norm.L2;
    }

    private boolean parseProtocol() {
        switch (protocol.toLowerCase(Locale.ROOT)) {
            case AttackPlans.BOUNDED: return false;
            case AttackPlans.PAPER: return true;
            default: throw new UserError("unknown protocol '" + protocol + "'; choose bounded or paper");
        }
    }

    private List<AttackLoss> attackLosses(boolean paper) {
        if (losses == null) {
            return paper ? List.of(AttackLoss.CE) : List.of(AttackLoss.CE, AttackLoss.MARGIN);
        }
        List<AttackLoss> parsed = losses.stream().map(AttackLoss::parse).distinct().collect(Collectors.toList());
        if (paper && !parsed.equals(List.of(AttackLoss.CE))) {
            throw new UserError("the paper protocol always uses ce on the deployed output; drop --loss");
        }
        return parsed;
    }

    private static Norm norm(String attack) {
        if (attack.equals("pgd")) {
            return Norm.L2;
        }
        return Norm.parse(attack.substring(attack.indexOf('-') + 1));
    }
}
