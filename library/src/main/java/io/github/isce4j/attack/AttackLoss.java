package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import com.google.gson.annotations.SerializedName;
import io.github.isce4j.Ids;
import io.github.isce4j.model.InputLoss;

/** The losses a gradient attack can follow (docs/method.md §3), by their CLI names. */
public enum AttackLoss {
    /** Cross-entropy on the deployed output: what the paper attacked. */
    @SerializedName("ce")
    CE("ce", InputLoss.DEPLOYED_CROSS_ENTROPY),
    /** C&amp;W margin on the raw logits. */
    @SerializedName("margin")
    MARGIN("margin", InputLoss.MARGIN),
    /** Croce &amp; Hein's difference of logits ratio on the raw logits. */
    @SerializedName("dlr")
    DLR("dlr", InputLoss.DLR);

    private final String id;
    private final InputLoss loss;

    AttackLoss(String id, InputLoss loss) {
        this.id = id;
        this.loss = loss;
    }

    /** @return the CLI name */
    public String id() {
        return id;
    }

    /** @return the per-example loss */
    public InputLoss loss() {
        return loss;
    }

    /**
     * @param trueLabels int64 true labels [N]
     * @return the per-example loss a targeted attack descends against its targets: DLR takes Croce
     *     &amp; Hein's targeted form, which also needs the true labels
     */
    public InputLoss targeted(NDArray trueLabels) {
        return this == DLR ? InputLoss.targetedDlr(trueLabels) : loss;
    }

    /**
     * @param name ce, margin or dlr
     * @return the loss
     */
    public static AttackLoss parse(String name) {
        return Ids.parse(values(), AttackLoss::id, name, "attack loss", "ce, margin or dlr");
    }
}
