/**
 * The datasets: MNIST (shipped inside isce4j), Fashion-MNIST and CIFAR-10 readers, locating
 * ({@link io.github.isce4j.data.DataLocator}), downloading, and checksum verification.
 * {@link io.github.isce4j.data.ImageSet} holds one split as bytes and hands out float32 NCHW images in [0, 1].
 */
package io.github.isce4j.data;
