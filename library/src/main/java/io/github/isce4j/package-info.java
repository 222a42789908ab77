/**
 * isce4j: robust training and honest robustness evaluation for DJL, built around the
 * Inference-Softmax Cross Entropy (I-SCE) loss of Song et al. (Mathematics 2022).
 *
 * <p>The public library surface, from the bottom up:
 * <ul>
 *   <li>{@link io.github.isce4j.data.ImageSet} — labelled images (MNIST, Fashion-MNIST, CIFAR-10 through
 *       {@link io.github.isce4j.data.DataLocator}, or the caller's arrays through {@code ImageSet.of});</li>
 *   <li>{@link io.github.isce4j.model.Classifier} — the seam: any DJL model or block as a classifier
 *       ({@code Classifier.of}), with a {@link io.github.isce4j.model.DecisionRule};</li>
 *   <li>{@link io.github.isce4j.loss} — I-SCE and the baseline losses as DJL {@code Loss}es;</li>
 *   <li>{@link io.github.isce4j.attack.AttackSpec} — typed attack specifications (PGD, FGSM, DeepFool,
 *       SimBA, the paper's protocol, random noise) and the attacks they build;</li>
 *   <li>{@link io.github.isce4j.eval.RobustnessEvaluation} — runs attack plans and returns a typed
 *       {@link io.github.isce4j.eval.RobustnessResult}; {@link io.github.isce4j.eval.SanityChecks} guards
 *       against gradient masking.</li>
 * </ul>
 * Work is silent by default; pass a {@link io.github.isce4j.ProgressListener} to hear progress.
 *
 * <p>A bad value, name or file from the caller is refused with an {@link IllegalArgumentException}
 * whose one-line message names the setting or the file and says what to do. The few refusals that
 * are not the caller's input but need action before trying again have their own types:
 * {@link io.github.isce4j.train.RunLock.Held}, {@link io.github.isce4j.data.Downloader.Failed},
 * {@link io.github.isce4j.model.NonFiniteGradient} and
 * {@link io.github.isce4j.model.ConvolutionCheck.WrongGradients}. The last is what a process gets
 * when it asks for input gradients through convolutions isce4j cannot pad (TorchScript, a DJL
 * {@code Conv2d}) on a CPU whose oneDNN computes them wrong: start the JVM with
 * {@code ONEDNN_MAX_CPU_ISA=AVX}.
 * {@link io.github.isce4j.Ids}, {@link io.github.isce4j.AtomicFile} and
 * {@link io.github.isce4j.MemoryUsage} are internal helpers of the command line.
 */
package io.github.isce4j;
