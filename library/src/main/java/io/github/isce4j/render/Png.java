package io.github.isce4j.render;

import io.github.isce4j.AtomicFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Writes images as PNG files, each to a temporary file renamed into place, so a killed process
 * never leaves a half-written picture.
 */
public final class Png {

    private Png() {}

    /**
     * @param file the PNG file
     * @param image the pixels
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, BufferedImage image) throws IOException {
        AtomicFile.write(file, out -> ImageIO.write(image, "png", out));
    }

    /**
     * @param file the PNG file
     * @param chart the chart, drawn at the size given
     * @param width its width in pixels
     * @param height its height in pixels
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, JFreeChart chart, int width, int height) throws IOException {
        AtomicFile.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }
}
