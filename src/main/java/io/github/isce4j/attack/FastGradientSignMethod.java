package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.Scalar;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * FGSM (Goodfellow et al. 2015): one step of size ε along the norm's steepest direction of the
 * loss, x' = clip(x + ε·sign(∇ₓL)) in L∞ or clip(x + ε·g/‖g‖) in L2. Untargeted only.
 */
public final class FastGradientSignMethod implements Attack {

    private final Norm norm;
    private final double eps;
    private final AttackLoss loss;

    /**
     * @param norm L2 or L∞
     * @param eps step size = radius, in [0, 1] pixel units
     * @param loss the loss whose gradient sets the direction
     */
    public FastGradientSignMethod(Norm norm, double eps, AttackLoss loss) {
        if (!(eps >= 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be >= 0, got " + eps);
        }
        Norm.requireFloat32("eps", eps);
        this.norm = norm;
        this.eps = eps;
        this.loss = loss;
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "fgsm-%s eps=%s loss=%s", norm.id(), eps, loss.id());
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("attack", "fgsm");
        s.put("norm", norm.id());
        s.put("eps", eps);
        s.put("loss", loss.id());
        return s;
    }

    @Override
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
        NDManager caller = images.getManager();
        NDArray adversarial;
        try (NDManager work = caller.newSubManager()) {
            NDArray x = images.get(work, new NDIndex(":"));
            NDArray g = classifier.inputGradient(x, labels, loss.loss()).gradient();
            adversarial = norm.step(g).mul(Scalar.of(g, (float) eps)).add(x).clip(0, 1);
            adversarial.attach(caller);
        }
        int[] queries = new int[(int) images.getShape().get(0)];
        Arrays.fill(queries, 1);
        return AttackResult.measure(classifier, images, adversarial, labels, null, queries);
    }
}
