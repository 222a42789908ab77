package io.github.isce4j.attack;

import com.google.gson.annotations.SerializedName;
import io.github.isce4j.Ids;
import io.github.isce4j.InvalidSetting;
import java.util.List;
import java.util.Locale;

/**
 * AutoAttack (Croce &amp; Hein 2020, docs/method.md §3.12): a fixed cascade of attacks, each run only on
 * the images still robust after the stages before it, so the robust accuracy is the per-image
 * worst case over the stages. The standard version is APGD-CE, then APGD-T on the targeted DLR
 * toward the 9 classes ranked 2nd … 10th by the clean logits (100 iterations each), then FAB-T and
 * Square; the rand version, for randomized defenses, is APGD-CE and APGD-DLR with each gradient
 * averaged over 20 draws (EOT).
 *
 * @param version standard or rand
 * @param norm threat model of every stage
 * @param eps radius in [0, 1] pixel units
 */
@AttackSpec.Kind("autoattack")
public record AutoAttackSpec(Version version, Norm norm, double eps) implements AttackSpec {

    /** Which cascade. */
    public enum Version {
        /** APGD-CE → APGD-T → FAB-T → Square, for deterministic models. */
        @SerializedName("standard")
        STANDARD("standard"),
        /** APGD-CE → APGD-DLR, gradients averaged over 20 draws, for randomized defenses. */
        @SerializedName("rand")
        RAND("rand");

        private final String id;

        Version(String id) {
            this.id = id;
        }

        /** @return "standard" or "rand" */
        public String id() {
            return id;
        }

        /**
         * @param name standard or rand
         * @return the version
         */
        public static Version parse(String name) {
            return Ids.parse(values(), Version::id, name, "AutoAttack version", "standard or rand");
        }
    }

    /**
     * Checks the settings, refusing the first invalid one with an {@link InvalidSetting}.
     *
     * @param version standard or rand, not null
     * @param norm threat model of every stage, not null
     * @param eps radius in [0, 1] pixel units, finite, &gt;= 0 and within float32's range
     */
    public AutoAttackSpec {
        InvalidSetting.require(version != null, "version", "must be given (standard or rand)");
        InvalidSetting.require(norm != null, "norm", "must be given");
        AttackSpec.requireRadius(eps, "eps");
    }

    /**
     * @param norm threat model
     * @param eps radius
     * @return the standard version
     */
    public static AutoAttackSpec standard(Norm norm, double eps) {
        return new AutoAttackSpec(Version.STANDARD, norm, eps);
    }

    /**
     * @param norm threat model
     * @param eps radius
     * @return the rand version
     */
    public static AutoAttackSpec rand(Norm norm, double eps) {
        return new AutoAttackSpec(Version.RAND, norm, eps);
    }

    /**
     * The stages in the order they run; each sees only the images the ones before left robust.
     *
     * @return the stage specs
     */
    public List<AttackSpec> stages() {
        ApgdSpec.Builder apgd = ApgdSpec.of(norm, eps);
        return switch (version) {
            case STANDARD ->
                List.of(
                        apgd.build(),
                        apgd.loss(AttackLoss.DLR)
                                .targets(ApgdSpec.DEFAULT_TARGETS)
                                .build(),
                        FabSpec.targeted(norm).eps(eps).build(),
                        (norm == Norm.L2 ? SquareSpec.l2(eps) : SquareSpec.linf(eps)).build());
            case RAND ->
                List.of(
                        apgd.eotDraws(ApgdSpec.RAND_EOT_DRAWS).build(),
                        apgd.eotDraws(ApgdSpec.RAND_EOT_DRAWS)
                                .loss(AttackLoss.DLR)
                                .build());
        };
    }

    @Override
    public String label() {
        return String.format(
                Locale.ROOT, "autoattack-%s%s eps=%s", version == Version.RAND ? "rand-" : "", norm.id(), eps);
    }

    @Override
    public double radius() {
        return eps;
    }

    @Override
    public List<AttackSpec> parts() {
        return stages();
    }

    @Override
    public boolean cascade() {
        return true;
    }

    /**
     * @return the measured cost of the standard version, in PGD gradients: 1,500 per image (its
     *     80 s on 500 LeNet-5 and 62 s on 50 ResNet-32 MNIST images, 2026-12-07, are 1,760 and 1,360
     *     at those networks' PGD rates; an estimate of the right order matters because a cell kind's
     *     measured rate is shared with PGD); the rand version's 2 stages × 100 iterations × 20 draws
     */
    @Override
    public double gradientsPerImage() {
        return version == Version.STANDARD ? 1_500 : 2 * 100 * ApgdSpec.RAND_EOT_DRAWS;
    }

    @Override
    public Attack attack() {
        AttackSpec.requireSinglePart(this);
        throw new AssertionError("a cascade has several stages");
    }
}
