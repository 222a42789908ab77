/**
 * Uncertainty of accuracies measured on a finite test set, knowing nothing of attacks, models or the
 * paper: an exact Clopper-Pearson interval for k successes of n ({@link io.github.isce4j.stats.ClopperPearson},
 * on the regularized incomplete beta function {@link io.github.isce4j.stats.Beta}), and a paired
 * percentile bootstrap over images ({@link io.github.isce4j.stats.Bootstrap}) for statistics built
 * from per-image 0/1 outcomes ({@link io.github.isce4j.stats.Statistic}: accuracies, their
 * differences, maxima, minima and medians).
 *
 * <p>This package uses no other isce4j package; {@code reproduce} judges the paper's claims on it.
 */
package io.github.isce4j.stats;
