package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.google.gson.annotations.SerializedName;
import io.github.isce4j.Ids;
import io.github.isce4j.model.Scalar;
import java.util.Random;

/** How a targeted attack picks its target class; the target never equals the true label. */
public enum TargetChoice {
    /** Untargeted. */
    @SerializedName("none")
    NONE("none"),
    /** The least-likely class on the clean logits (the paper's "lowest prediction probability"). */
    @SerializedName("ll")
    LEAST_LIKELY("ll"),
    /** A uniformly random class other than the true one. */
    @SerializedName("random")
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
        if (this == RANDOM) {
            long[] targets = new long[labels.length];
            for (int i = 0; i < labels.length; i++) {
                long t = random.nextInt(k - 1);
                targets[i] = t >= labels[i] ? t + 1 : t;
            }
            return targets;
        }
        try (NDManager m = cleanLogits.getManager().newSubManager()) {
            // The true class is pushed above every other logit, so the lowest one is never it.
            NDArray own = m.create(labels)
                    .oneHot(k)
                    .toType(cleanLogits.getDataType(), false)
                    .mul(Scalar.of(cleanLogits, 1e9f));
            return cleanLogits.get(m, new NDIndex(":")).add(own).argMin(1).toLongArray();
        }
    }

    /**
     * @param name none, ll or random
     * @return the choice
     */
    public static TargetChoice parse(String name) {
        return Ids.parse(values(), TargetChoice::id, name, "target", "none, ll (least likely) or random");
    }
}
