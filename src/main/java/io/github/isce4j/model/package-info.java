/**
 * The networks of the paper (LeNet-5, CNN-8, ResNet-32) and the {@link io.github.isce4j.model.Classifier}
 * seam: {@code Classifier.of} wraps any DJL model or block; {@link io.github.isce4j.model.TorchScriptClassifier}
 * a TorchScript file. {@link io.github.isce4j.model.ConvolutionCheck} refuses to compute input gradients
 * through convolutions unless oneDNN is capped ({@link io.github.isce4j.model.OneDnnCap}) and checks
 * each convolution shape against float64
 * ({@link io.github.isce4j.model.ConvolutionCheck.WrongGradients}).
 */
package io.github.isce4j.model;
