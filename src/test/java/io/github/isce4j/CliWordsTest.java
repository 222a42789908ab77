package io.github.isce4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CLI's words stay in the CLI: no string literal in a package other than {@code cli} names a
 * command-line flag, so a library caller never reads "pass --resume" and the CLI decides how a
 * setting is spelled on its command line.
 */
class CliWordsTest {

    /** A string literal, and inside one a flag: two dashes, then a letter. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FLAG = Pattern.compile("--[a-z]");

    @Test
    void noFlagIsNamedOutsideTheCliPackage() throws IOException {
        Path root = Path.of("src/main/java/io/github/isce4j");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (root.relativize(file).startsWith("cli")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                        continue; // documentation may say how the CLI spells a setting
                    }
                    Matcher literal = LITERAL.matcher(line);
                    while (literal.find()) {
                        if (FLAG.matcher(literal.group()).find()) {
                            found.add(root.relativize(file) + ":" + (i + 1) + ": " + literal.group());
                        }
                    }
                }
            }
        }
        assertThat(found).as("flags named outside cli").isEmpty();
    }
}
