package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import io.github.isce4j.UserError;

import java.util.Locale;
import java.util.Random;

/** How a targeted attack picks its target class; the target never equals the true label. */
public enum TargetChoice {
    /** Untargeted. */
    NONE("none"),
    /** The least-likely class on the clean logits (the paper's "lowest prediction probability"). */
    LEAST_LIKELY("ll"),
    /** A uniformly random class other than the true one. */
    RANDOM("random");

    private final String id;

    TargetChoice(String id) {
        this.id = id;
    }

    /** @return the CLI name */
    public String id() {
        return id;
    }

    /**
     * @param cleanLogits logits of the clean images [N, K]
     * @param labels true labels
     * @param random for {@link #RANDOM}
     * @return one target per example, or null for {@link #NONE}
     */
    public long[] choose(NDArray cleanLogits, long[] labels, Random random) {
        if (this == NONE) {
            return null;
        }
        int k = (int) cleanLogits.getShape().get(1);
        long[] targets = new long[labels.length];
        if (this == RANDOM) {
            for (int i = 0; i < labels.length; i++) {
                long t = random.nextInt(k - 1);
                targets[i] = t >= labels[i] ? t + 1 : t;
            }
            return targets;
        }
        float[] z = cleanLogits.toFloatArray();
        for (int i = 0; i < labels.length; i++) {
            int lowest = -1;
            for (int c = 0; c < k; c++) {
                if (c != labels[i] && (lowest < 0 || z[i * k + c] < z[i * k + lowest])) {
                    lowest = c;
                }
            }
            targets[i] = lowest;
        }
        return targets;
    }

    /**
     * @param name none, ll or random
     * @return the choice
     */
    public static TargetChoice parse(String name) {
        for (TargetChoice t : values()) {
            if (t.id.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new UserError("unknown target '" + name + "'; choose none, ll (least likely) or random");
    }
}
