/**
 * The training loop behind {@code isce train}: run directories (config.json, model.params,
 * metrics.json, checkpoints written atomically), resumable training, PGD adversarial training,
 * provenance and versions. Library users can equally train with DJL's own {@code Trainer} and an
 * isce4j loss (see examples/QuickStart.java).
 */
package io.github.isce4j.train;
