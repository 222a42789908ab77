package io.github.isce4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownHtmlTest {

    @TempDir
    Path dir;

    private static String body(String html) {
        return html.substring(html.indexOf("<main>\n") + 7, html.indexOf("</main>"));
    }

    private String render(String markdown) {
        return body(MarkdownHtml.render(markdown, dir));
    }

    private static byte[] png(Path file, int w, int h, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                image.setRGB(x, y, colour.getRGB());
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return Files.readAllBytes(file);
    }

    @Test
    void headingsGetAnchorsAndRepeatsAreNumbered() {
        assertThat(render("# Reproducing *I-SCE*\n\n## Table 1: ResNet-32, MNIST\n### Table 1: ResNet-32, MNIST\n"
                        + "#### ε = 0.02 `pgd`\n"))
                .isEqualTo("<h1 id=\"reproducing-i-sce\">Reproducing <em>I-SCE</em></h1>\n"
                        + "<h2 id=\"table-1-resnet-32-mnist\">Table 1: ResNet-32, MNIST</h2>\n"
                        + "<h3 id=\"table-1-resnet-32-mnist-1\">Table 1: ResNet-32, MNIST</h3>\n"
                        + "<h4 id=\"ε--002-pgd\">ε = 0.02 <code>pgd</code></h4>\n");
    }

    @Test
    void anEmptyNamedAnchorPassesAndEveryOtherTagIsEscaped() {
        assertThat(render("| id |\n|---|\n| <a id=\"c1\"></a>C1 |\n\nsee [C1](#c1)\n"))
                .contains("<td><a id=\"c1\"></a>C1</td>")
                .contains("<a href=\"#c1\">C1</a>");
        assertThat(render("<a id=\"c1\" onclick=\"x()\"></a> <b>bold</b> <a id=\"C1\"></a>\n"))
                .doesNotContain("<a id")
                .doesNotContain("<b>")
                .contains("&lt;a id=");
    }

    @Test
    void pageTitleIsTheFirstLevelOneHeadingWithoutMarkup() {
        String html = MarkdownHtml.render("intro\n\n# Paper **vs** ours <3\n", dir);
        assertThat(html).contains("<title>Paper vs ours &lt;3</title>");
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void pipeTablesKeepAlignmentAndPadShortRows() {
        String md = """
                | method | clean | PGD-50 un | note |
                |---|---:|:---:|:---|
                | I-SCE | 99.1 | 87.5 | **matched** |
                | SCE | 99.3 | 0.2 |
                """;
        assertThat(render(md)).isEqualTo("""
                <table>
                <thead>
                <tr><th>method</th><th style="text-align:right">clean</th><th style="text-align:center">PGD-50 un</th>\
                <th style="text-align:left">note</th></tr>
                </thead>
                <tbody>
                <tr><td>I-SCE</td><td style="text-align:right">99.1</td><td style="text-align:center">87.5</td>\
                <td style="text-align:left"><strong>matched</strong></td></tr>
                <tr><td>SCE</td><td style="text-align:right">99.3</td><td style="text-align:center">0.2</td>\
                <td style="text-align:left"></td></tr>
                </tbody>
                </table>
                """);
    }

    @Test
    void tableCellsSplitOnlyOnUnescapedPipesOutsideCode() {
        String md = "| a | b |\n|---|---|\n| `x|y` | 1 \\| 2 |\n";
        assertThat(render(md)).contains("<tr><td><code>x|y</code></td><td>1 | 2</td></tr>");
    }

    @Test
    void rowWithMoreCellsThanItsHeaderIsRefusedNotTruncated() {
        assertThatThrownBy(() -> render("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3 has 3 cells, its header has 2");
    }

    @Test
    void pipeLineWithoutAlignmentRowIsAParagraph() {
        assertThat(render("| not a table |\nsecond line\n")).isEqualTo("<p>| not a table |\nsecond line</p>\n");
    }

    @Test
    void inlineMarkupLinksAndEscaping() {
        assertThat(render("Ours is **87.5 %** vs *the paper's* `a<b && c>d`; see [cell 3f2a](cells/3f2a/result.json)"
                        + " & [Table 1](#table-1).\n"))
                .isEqualTo("<p>Ours is <strong>87.5 %</strong> vs <em>the paper&#39;s</em> "
                        + "<code>a&lt;b &amp;&amp; c&gt;d</code>; see <a href=\"cells/3f2a/result.json\">cell 3f2a</a>"
                        + " &amp; <a href=\"#table-1\">Table 1</a>.</p>\n");
    }

    @Test
    void markupCharactersThatOpenNothingStayText() {
        assertThat(render("2 * 3 * 4 and a*b, [not a link] and <script>alert(\"x\")</script> \\*literal\\*\n"))
                .isEqualTo("<p>2 * 3 * 4 and a*b, [not a link] and &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
                        + " *literal*</p>\n");
    }

    @Test
    void scriptLinksBecomeText() {
        assertThat(render("[click](javascript:alert(1)) [ok](https://example.org/a?b=1&c=2)\n"))
                .isEqualTo("<p>click <a href=\"https://example.org/a?b=1&amp;c=2\">ok</a></p>\n");
    }

    @Test
    void bulletListsWithContinuationAndNesting() {
        String md = """
                - claim 1: **reproduced**
                  under the bounded protocol
                - claim 2
                  - MNIST: partly
                  - CIFAR-10: not reproduced

                * claim 3
                after
                """;
        assertThat(render(md)).isEqualTo("""
                <ul>
                <li>claim 1: <strong>reproduced</strong>
                under the bounded protocol</li>
                <li>claim 2
                <ul>
                <li>MNIST: partly</li>
                <li>CIFAR-10: not reproduced</li>
                </ul>
                </li>
                <li>claim 3</li>
                </ul>
                <p>after</p>
                """);
    }

    @Test
    void numberedListsKeepTheirStartAndEndAtABulletList() {
        String md = """
                3. PGD-50-un, MNIST: I-SCE 63.13 points above SCE
                4. DeepFool
                   - ResNet-32: *reproduced*
                - a bullet
                """;
        assertThat(render(md)).isEqualTo("""
                <ol start="3">
                <li>PGD-50-un, MNIST: I-SCE 63.13 points above SCE</li>
                <li>DeepFool
                <ul>
                <li>ResNet-32: <em>reproduced</em></li>
                </ul>
                </li>
                </ol>
                <ul>
                <li>a bullet</li>
                </ul>
                """);
        assertThat(render("1. one\n2. two\n")).isEqualTo("<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n");
    }

    @Test
    void paragraphsFencesQuotesAndRules() {
        String md =
                "first line\nsecond line\n\n```\nisce reproduce --budget quick <x>\n```\n> note *this*\n\n---\nend\n";
        assertThat(render(md))
                .isEqualTo("<p>first line\nsecond line</p>\n"
                        + "<pre><code>isce reproduce --budget quick &lt;x&gt;\n</code></pre>\n"
                        + "<blockquote>\n<p>note <em>this</em></p>\n</blockquote>\n<hr>\n<p>end</p>\n");
    }

    @Test
    void imagesAreEmbeddedAsDataUrisOfTheFilesBytes() throws IOException {
        byte[] red = png(dir.resolve("figures/fig 3.png"), 7, 5, Color.RED);
        byte[] blue = png(dir.resolve("fig4.png"), 3, 3, Color.BLUE);
        String html = render("![Fig. 3 <z>](figures/fig%203.png)\n\nText ![Fig. 4](fig4.png) after.\n");
        Matcher m = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\">")
                .matcher(html);
        List<byte[]> decoded = new ArrayList<>();
        List<String> alts = new ArrayList<>();
        while (m.find()) {
            decoded.add(Base64.getDecoder().decode(m.group(1)));
            alts.add(m.group(2));
        }
        assertThat(decoded).hasSize(2);
        assertThat(decoded.get(0)).isEqualTo(red);
        assertThat(decoded.get(1)).isEqualTo(blue);
        assertThat(alts).containsExactly("Fig. 3 &lt;z&gt;", "Fig. 4");
        assertThat(html).startsWith("<p><img ").contains("</p>\n<p>Text <img ").endsWith("> after.</p>\n");
    }

    @Test
    void missingImageIsAnErrorNamingIt() {
        assertThatThrownBy(() -> render("# R\n\n![Fig. 5](figures/fig5.png)\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image not found: figures/fig5.png")
                .hasMessageContaining(dir.resolve("figures/fig5.png").toString());
    }

    @Test
    void brokenOrRemoteImagesAreErrorsToo() throws IOException {
        byte[] good = png(dir.resolve("good.png"), 4, 4, Color.GREEN);
        Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(good, 20));
        Files.writeString(dir.resolve("notes.png"), "not an image");
        assertThatThrownBy(() -> render("![a](cut.png)\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image cut.png cannot be decoded");
        assertThatThrownBy(() -> render("![a](notes.png)\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image notes.png is not a PNG");
        assertThatThrownBy(() -> render("![a](https://example.org/x.png)\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a network");
    }

    @Test
    void writeIsAtomicAndSelfContained() throws IOException {
        png(dir.resolve("f.png"), 2, 2, Color.BLACK);
        Path html = dir.resolve("out/index.html");
        MarkdownHtml.write("# T\n\n![f](f.png)\n", dir, html);
        String page = Files.readString(html);
        assertThat(page).isEqualTo(MarkdownHtml.render("# T\n\n![f](f.png)\n", dir));
        assertThat(page).contains("Content-Security-Policy").contains("default-src 'none'; img-src data:");
        try (var leftovers = Files.list(html.getParent())) {
            assertThat(leftovers).containsExactly(html);
        }
    }
}
