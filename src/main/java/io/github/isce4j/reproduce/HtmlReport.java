package io.github.isce4j.reproduce;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns the report's Markdown into one self-contained HTML page that opens with no network: images
 * are embedded as {@code data:} URIs and the style sheet is inline. The Markdown subset is what
 * report.md uses: ATX headings {@code #} to {@code ####} (each with an id, so {@code [x](#id)}
 * links work), paragraphs, pipe tables with an alignment row ({@code |---|---:|:---:|}), bullet
 * lists ({@code - } or {@code * }), fenced code blocks, {@code **bold**}, {@code *italic*},
 * {@code `code`}, links {@code [text](path)} kept as written, and images {@code ![alt](file.png)}.
 * All text is HTML-escaped. An inline script records, on {@code <body>}, how many images loaded
 * ({@code data-images}, {@code data-images-loaded}) and any script or console error
 * ({@code data-errors}, {@code data-error-messages}), so a headless browser can check the page.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /**
     * @param markdown the report's Markdown
     * @param baseDir the folder image paths are relative to
     * @return the whole HTML page
     * @throws IllegalArgumentException when an image file is missing, unreadable or not an image,
     *     naming it; or when an image points outside the page (a URL), which would need the network
     */
    public static String render(String markdown, Path baseDir) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Renders and writes the page to a temporary file renamed into place.
     *
     * @param markdown the report's Markdown
     * @param baseDir the folder image paths are relative to
     * @param html the HTML file to write
     * @throws IOException when writing fails
     * @throws IllegalArgumentException as {@link #render}
     */
    public static void write(String markdown, Path baseDir, Path html) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
