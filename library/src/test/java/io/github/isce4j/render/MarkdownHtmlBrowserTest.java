package io.github.isce4j.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a rendered report in headless Chromium (Debian's {@code chromium} package) and reads back
 * what the page's own check script wrote on {@code <body>}: how many images decoded and which
 * errors occurred. Chromium's stderr log must carry no console message either. Skips, saying why,
 * when no Chromium is on the PATH.
 */
class MarkdownHtmlBrowserTest {

    @TempDir
    Path dir;

    private static void assumeChromium() {
        HeadlessChromium.assumePresent();
    }

    private HeadlessChromium.Opened open(Path html) throws IOException, InterruptedException {
        return HeadlessChromium.open(html, dir);
    }

    /** A report like the lead's: a heatmap (Fig. 3) and a robustness curve, a table, links. */
    private Path report() throws IOException {
        double[] s = new double[46];
        double[] m = new double[51];
        double[][] z = new double[51][46];
        for (int i = 0; i < 46; i++) {
            s[i] = 0.5 + 0.1 * i;
        }
        for (int j = 0; j < 51; j++) {
            m[j] = 0.01 * j;
            for (int i = 0; i < 46; i++) {
                double e = Math.exp(s[i] * 0.97 + m[j]);
                double e0 = Math.exp(0.97);
                z[j][i] = s[i] * e / ((e + 8) * (e + 8)) - e0 / ((e0 + 8) * (e0 + 8));
            }
        }
        new Heatmap("Fig. 3: z(s, m), f = 0.97, S = 8", "s", "m", s, m, z, "z(s, m)")
                .contour(0)
                .write(dir.resolve("figures/fig3.png"));
        // The paper's Table 1 (ResNet-32 MNIST: clean, then PGD-50 untargeted at eps 0.02 and 0.04), as curves.
        new CurvePlot("Table 1 as curves", "PGD eps", "robust accuracy (%)")
                .yRange(0, 100)
                .add("I-SCE", 0, 99.57)
                .add("I-SCE", 0.02, 63.47)
                .add("I-SCE", 0.04, 46.41)
                .add("AT", 0, 99.25)
                .add("AT", 0.02, 13.62)
                .add("AT", 0.04, 0.74)
                .write(dir.resolve("figures/table1.png"));
        String md = """
                # Reproducing Song et al. (2022)

                **Headline:** claim 1 *reproduced* under the bounded protocol; see [Table 1](#table-1) and \
                [the cell](cells/ab12/result.json).

                ## Table 1

                | method | paper | ours (bounded) | verdict |
                |---|---:|---:|:---:|
                | I-SCE | 63.47 | 61.0 | matched |
                | AT | 13.62 | 30.2 | not matched |

                - budget: `quick` <1,000 test images>
                - protocol: bounded & paper

                ![Fig. 3 z(s, m)](figures/fig3.png)

                ![Table 1 as curves](figures/table1.png)
                """;
        Path html = dir.resolve("index.html");
        MarkdownHtml.write(md, dir, html);
        return html;
    }

    @Test
    void everyImageLoadsAndNothingGoesWrong() throws Exception {
        assumeChromium();
        HeadlessChromium.Opened page = open(report());
        assertThat(page.body()).as("the page's check script ran on load").containsEntry("data-checked", "true");
        assertThat(page.body())
                .containsEntry("data-images", "2")
                .containsEntry("data-images-loaded", "2")
                .containsEntry("data-images-failed", "")
                .containsEntry("data-errors", "0");
        assertThat(page.console()).as("console messages").isEmpty();
    }

    @Test
    void aBrokenImageAndAScriptErrorWouldBeSeen() throws Exception {
        // The same page with a script error and an undecodable image: proves the check above can fail.
        assumeChromium();
        Path html = report();
        String page = Files.readString(html)
                .replace(
                        "</main>",
                        "</main>\n<script>notDefinedAnywhere();</script>\n<img src=\"data:image/png;base64,AAAA\" alt=\"cut\">");
        Files.writeString(html, page);
        HeadlessChromium.Opened opened = open(html);
        assertThat(opened.body())
                .containsEntry("data-checked", "true")
                .containsEntry("data-images", "3")
                .containsEntry("data-images-loaded", "2")
                .containsEntry("data-images-failed", "cut")
                .containsEntry("data-errors", "2");
        assertThat(opened.body().get("data-error-messages"))
                .contains("notDefinedAnywhere")
                .contains("failed to load img \"cut\"");
        assertThat(opened.console()).anySatisfy(line -> assertThat(line).contains("notDefinedAnywhere"));
    }
}
