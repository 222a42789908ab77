/**
 * General rendering, knowing nothing of attacks, losses or the paper: Markdown to one self-contained
 * HTML page ({@link io.github.isce4j.render.MarkdownHtml}), heatmaps with level lines
 * ({@link io.github.isce4j.render.Heatmap}), named curves ({@link io.github.isce4j.render.CurvePlot}),
 * scatters coloured by class ({@link io.github.isce4j.render.ClassScatter}) alone or side by side
 * ({@link io.github.isce4j.render.ScatterGrid}), and PNG files written atomically
 * ({@link io.github.isce4j.render.Png}).
 *
 * <p>This package uses no other isce4j package but the root one; {@code eval} and {@code reproduce}
 * build their plots and pages on it.
 */
package io.github.isce4j.render;
