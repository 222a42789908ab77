package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.function.Function;

/**
 * A typed, complete description of one attack setting: every parameter that decides the result,
 * with its default, checked when it is made. A spec builds its {@link Attack}, names itself for
 * tables, and reads and writes itself as JSON ({@link AttackSpecJson}), so result rows, caches
 * and reports identify attacks by value, never by label text.
 *
 * <p>A spec with several attack losses (PGD, FGSM) stands for one attack per loss, judged by the
 * per-image worst case: {@link #parts()} lists those single-loss specs. A cascade (AutoAttack) is
 * judged the same way, but each of its parts runs only on the images the parts before it left
 * robust ({@link #cascade()}).
 *
 * <p>The {@code permits} clause is the one list of attack kinds: each permitted record names its
 * kind with {@link Kind}, and JSON reading ({@link AttackSpecJson}) derives its table from the
 * permitted records. docs/design.md ("Adding an attack") lists the steps of adding one.
 */
public sealed interface AttackSpec
        permits FgsmSpec,
                PgdSpec,
                PaperProtocolSpec,
                DeepFoolSpec,
                SimBaSpec,
                RandomNoiseSpec,
                FabSpec,
                SquareSpec,
                ApgdSpec,
                AutoAttackSpec {

    /**
     * The time estimate of the attacks whose cost is not counted in detail (APGD, FAB, Square,
     * noise): measured rates correct it, so it only has to be of the right order.
     */
    double FLAT_GRADIENTS_PER_IMAGE = 100;

    /** The kind a spec record is written as in JSON, e.g. {@code @Kind("pgd")}; every permitted record has one. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Kind {
        /** @return the kind, e.g. pgd */
        String value();
    }

    /**
     * @return the kind, as written in JSON: fgsm, pgd, paper-protocol, deepfool, simba, noise, fab, square, apgd,
     *     autoattack
     */
    default String kind() {
        return kindOf(getClass());
    }

    /**
     * @param record a spec record
     * @return its kind, from its {@link Kind} annotation
     * @throws IllegalStateException when the record does not name its kind
     */
    static String kindOf(Class<?> record) {
        Kind kind = record.getAnnotation(Kind.class);
        if (kind == null) {
            throw new IllegalStateException(record.getName() + " names no @AttackSpec.Kind");
        }
        return kind.value();
    }

    /** @return the name with its main settings, e.g. {@code pgd-l2 eps=1.0 steps=50 loss=ce+margin} */
    String label();

    /** @return the radius the attack is bounded by, NaN for minimal-perturbation attacks */
    double radius();

    /**
     * @return rough gradient evaluations (or queries) per image, for time estimates; measured rates
     *     correct the scale, so only the ratios between attacks matter
     */
    double gradientsPerImage();

    /** @return how the radius is to be read */
    default Protocol protocol() {
        return Protocol.BOUNDED;
    }

    /** @return the single-attack specs whose per-image worst case this spec is; itself when it is one */
    default List<AttackSpec> parts() {
        return List.of(this);
    }

    /**
     * @return whether each part runs only on the images still robust after the parts before it (a
     *     cascade such as AutoAttack) rather than on all images; the per-image worst case is the
     *     same either way, the cascade spends less
     */
    default boolean cascade() {
        return false;
    }

    /** @return what tells this part apart from the other parts of its spec, e.g. its loss */
    default String partName() {
        return label();
    }

    /**
     * @return the attack of a single-part spec
     * @throws IllegalStateException when the spec has several parts (build each of {@link #parts()})
     */
    Attack attack();

    /**
     * @param spec the spec about to build its {@link Attack}
     * @throws IllegalStateException unless the spec is a single attack
     */
    static void requireSinglePart(AttackSpec spec) {
        if (spec.parts().size() != 1) {
            throw new IllegalStateException(spec.label() + " is " + spec.parts().size()
                    + " attacks, one per loss or stage; build each of its parts()");
        }
    }

    /**
     * Throws IllegalArgumentException with {@code message} unless {@code ok}: for rules that tie
     * several settings together; one setting out of range is an {@link InvalidSetting}.
     *
     * @param ok whether the settings agree
     * @param message what is wrong with them, shown to the user as it is
     * @throws IllegalArgumentException with {@code message} when {@code ok} is false
     */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Checks a radius in [0, 1] pixel units: finite (float32 arithmetic cannot hold an "infinite"
     * ball) and within float32's range.
     *
     * @param eps the radius or step to check
     * @param name the setting's name in the {@link InvalidSetting} that refuses it, e.g. eps
     * @throws InvalidSetting when {@code eps} is negative, NaN, infinite or beyond float32
     */
    static void requireRadius(double eps, String name) {
        InvalidSetting.require(eps >= 0 && Double.isFinite(eps), name, "must be finite and >= 0, got " + eps);
        Norm.requireFloat32(name, eps);
    }

    /**
     * Checks a list of attack losses: at least one, no repeats.
     *
     * @param losses the attack losses a spec was given
     * @return an unmodifiable copy, in the given order
     * @throws IllegalArgumentException when the list is empty or names a loss twice
     */
    static List<AttackLoss> losses(List<AttackLoss> losses) {
        require(!losses.isEmpty(), "at least one attack loss is needed");
        require(losses.stream().distinct().count() == losses.size(), "attack losses repeat: " + losses);
        return List.copyOf(losses);
    }

    /**
     * @param self a spec with these losses
     * @param losses its attack losses
     * @param withLoss the same spec with one loss
     * @return {@code self} when it has one loss, else one single-loss spec per loss
     */
    static List<AttackSpec> perLoss(
            AttackSpec self, List<AttackLoss> losses, Function<AttackLoss, AttackSpec> withLoss) {
        return losses.size() == 1
                ? List.of(self)
                : losses.stream().map(withLoss).toList();
    }

    /**
     * @param losses attack losses
     * @return their ids joined by "+", e.g. "ce+margin"
     */
    static String ids(List<AttackLoss> losses) {
        return String.join("+", losses.stream().map(AttackLoss::id).toList());
    }
}
