package io.github.isce4j.reproduce;

import io.github.isce4j.InvalidSetting;
import java.util.Set;

/**
 * Which models a reproduction trains with more than one seed, and how many seeds: the claims are
 * then measured again on the models of seeds 1 … count − 1 (the other models keep seed 0), and the
 * report shows each claim's spread over the seeds beside its seed-0 verdict.
 *
 * @param count seeds per replicated model, at least 1 (1: seed 0 only)
 * @param settings the networks and datasets whose models are replicated
 * @param methods the methods whose models are replicated (random resize + pad wraps SCE's model)
 */
record Seeds(int count, Set<Setting> settings, Set<Method> methods) {

    /** Seed 0 only. */
    static final Seeds ONE = new Seeds(1, Set.of(), Set.of());

    Seeds {
        InvalidSetting.require(count >= 1, "seeds", "must be at least 1, got " + count);
        settings = Set.copyOf(settings);
        methods = Set.copyOf(methods);
    }

    /** @return every model of every setting trained with {@code count} seeds */
    static Seeds all(int count) {
        return new Seeds(count, Set.copyOf(Setting.ALL), Set.copyOf(Method.ALL));
    }

    /** @return whether the method's model on the setting is trained with more than one seed */
    boolean replicates(Setting setting, Method method) {
        Method trained = method == Method.RANDOM ? Method.SCE : method;
        return count > 1 && settings.contains(setting) && methods.contains(trained);
    }
}
