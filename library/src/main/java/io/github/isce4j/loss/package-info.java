/**
 * I-SCE and the baselines it is compared with (softmax cross-entropy, label smoothing, center loss,
 * L-GM, ArcFace, MMC) as DJL {@code Loss}es, with the heads that some of them need.
 * {@link io.github.isce4j.loss.InferenceSoftmaxCrossEntropy} also gives the deployed output
 * ({@code deployedLogits}), usable as a {@link io.github.isce4j.model.DecisionRule}.
 */
package io.github.isce4j.loss;
