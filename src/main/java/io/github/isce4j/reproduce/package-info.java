/**
 * The paper's experiments as recipes, cells and a report: each table and figure of Song et al. is a
 * recipe that expands into training and attack cells, and the report is rendered only from the
 * cells' result files. The rendering pieces live here too: {@link io.github.isce4j.reproduce.HeatmapPlot}
 * (Figs. 3 and 4), {@link io.github.isce4j.reproduce.EmbeddingGrid} (Fig. 9) and
 * {@link io.github.isce4j.reproduce.HtmlReport} (report.md as one self-contained page). Line plots
 * against a radius or a training ε (Figs. 5–8, 10–12) use {@link io.github.isce4j.eval.RobustnessPlot}.
 *
 * <p>This package sits above {@code eval} and below {@code cli}.
 */
package io.github.isce4j.reproduce;
