/**
 * The paper's experiments as recipes, cells and a report: each table and figure of Song et al. is a
 * recipe that expands into training and attack cells, and the report is rendered only from the
 * cells' result files. Its figures are drawn by {@link io.github.isce4j.render}: heatmaps
 * (Figs. 3 and 4) by {@link io.github.isce4j.render.Heatmap}, the grid of embeddings (Fig. 9,
 * {@link io.github.isce4j.reproduce.EmbeddingGrid}) by {@link io.github.isce4j.render.ScatterGrid},
 * line plots against a radius or a training ε (Figs. 5–8, 10–12) by
 * {@link io.github.isce4j.eval.RobustnessPlot}; report.md becomes one self-contained page through
 * {@link io.github.isce4j.render.MarkdownHtml}.
 *
 * <p>This package sits above {@code eval} and below {@code cli}.
 */
package io.github.isce4j.reproduce;
