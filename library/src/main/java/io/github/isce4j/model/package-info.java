/**
 * The networks of the paper (LeNet-5, CNN-8, ResNet-32) and the {@link io.github.isce4j.model.Classifier}
 * seam: {@code Classifier.of} wraps any DJL model or block; {@link io.github.isce4j.model.TorchScriptClassifier}
 * a TorchScript file. {@link io.github.isce4j.model.ConvolutionCheck} checks each convolution shape's
 * input gradients against float64 and refuses where this CPU's oneDNN computes them wrong
 * ({@link io.github.isce4j.model.ConvolutionCheck.WrongGradients}, {@link io.github.isce4j.model.OneDnnCap});
 * {@link io.github.isce4j.model.Scalar} makes the scalar operands that enter a graph, and
 * {@link io.github.isce4j.model.NonFiniteGradient} stops a pass whose gradient is NaN or infinite.
 */
package io.github.isce4j.model;
