package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.Scalar;
import java.util.Arrays;
import java.util.Random;

/**
 * FGSM (Goodfellow et al. 2015): one step of size ε along the norm's steepest direction of the
 * loss, x' = clip(x + ε·sign(∇ₓL)) in L∞ or clip(x + ε·g/‖g‖) in L2. Untargeted only. Built from
 * an {@link FgsmSpec} with one attack loss.
 */
public final class FastGradientSignMethod implements Attack {

    private final FgsmSpec spec;

    /**
     * @param spec the settings, already checked, with a single attack loss
     * @throws IllegalStateException when the spec has several losses (build each of its {@link FgsmSpec#parts()})
     */
    public FastGradientSignMethod(FgsmSpec spec) {
        AttackSpec.requireSinglePart(spec);
        this.spec = spec;
    }

    @Override
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
        NDManager caller = images.getManager();
        NDArray adversarial;
        try (NDManager work = caller.newSubManager()) {
            NDArray x = images.get(work, new NDIndex(":"));
            NDArray g = classifier
                    .inputGradient(x, labels, spec.losses().get(0).loss())
                    .gradient();
            adversarial = spec.norm()
                    .step(g)
                    .mul(Scalar.of(g, (float) spec.eps()))
                    .add(x)
                    .clip(0, 1);
            adversarial.attach(caller);
        }
        int[] queries = new int[(int) images.getShape().get(0)];
        Arrays.fill(queries, 1);
        return AttackResult.measure(classifier, images, adversarial, labels, null, queries);
    }
}
