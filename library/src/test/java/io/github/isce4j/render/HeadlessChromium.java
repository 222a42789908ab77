package io.github.isce4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium} package) for the report tests: opens a page and
 * reads back what its check script wrote on {@code <body>} and what Chromium logged to the console.
 */
public final class HeadlessChromium {

    private static final Pattern BODY = Pattern.compile("<body([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");
    private static final String ABSENT = "Chromium not installed: apt-get install chromium "
            + "(no chromium or chromium-browser on PATH); skipping the headless-browser check of index.html";
    private static final Optional<Path> CHROMIUM = find();

    private HeadlessChromium() {}

    private static Optional<Path> find() {
        String path = System.getenv("PATH");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String folder : path == null ? new String[0] : path.split(File.pathSeparator)) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        // Maven's summary only counts skips; the reason belongs in the build log too.
        System.err.println("SKIPPED browser checks: " + ABSENT);
        return Optional.empty();
    }

    /** @return whether a Chromium is on the PATH (tests that only partly need it check the rest without) */
    public static boolean present() {
        return CHROMIUM.isPresent();
    }

    /** Skips the calling test, saying why, when no Chromium is on the PATH. */
    public static void assumePresent() {
        assumeTrue(CHROMIUM.isPresent(), ABSENT);
    }

    /** What headless Chromium saw: the body's data attributes and its console log lines. */
    public record Opened(Map<String, String> body, List<String> console) {}

    /** Opens the page with a virtual time budget, so its load handlers run before the DOM is dumped. */
    public static Opened open(Path html, Path dir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        Path out = dir.resolve("dom.html");
        Path err = dir.resolve("chromium.log");
        // A virtual time budget makes Chromium run the page's load handlers before it dumps the DOM.
        Process p = new ProcessBuilder(
                        CHROMIUM.orElseThrow().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=5000",
                        "--enable-logging=stderr",
                        "--v=0",
                        "--dump-dom",
                        html.toUri().toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s; log: " + Files.readString(err));
        }
        assertThat(p.exitValue())
                .as("chromium exit status; log: %s", Files.readString(err))
                .isZero();
        Matcher body = BODY.matcher(Files.readString(out));
        assertThat(body.find()).as("a <body> in the dumped DOM").isTrue();
        Map<String, String> attributes = new HashMap<>();
        Matcher a = ATTRIBUTE.matcher(body.group(1));
        while (a.find()) {
            attributes.put(a.group(1), a.group(2).replace("&quot;", "\"").replace("&amp;", "&"));
        }
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err)) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        return new Opened(attributes, console);
    }
}
