package io.github.isce4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI's words stay in the CLI: no string literal in a package other than {@code cli} names a
 * command-line flag, so a library caller never reads "pass --resume" and the CLI decides how a
 * setting is spelled on its command line; and only {@code cli} knows its {@code UserError}: the
 * other packages throw standard exceptions that name the setting.
 */
class CliWordsTest {

    /** A string literal, and inside one a flag: two dashes, then a letter. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private static final Pattern FLAG = Pattern.compile("--[a-z]");

    private static final Path ROOT = Path.of("library/src/main/java/io/github/isce4j");

    @Test
    void noFlagIsNamedOutsideTheCliPackage() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : outsideCli()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                    continue; // documentation may say how the CLI spells a setting
                }
                Matcher literal = LITERAL.matcher(line);
                while (literal.find()) {
                    if (FLAG.matcher(literal.group()).find()) {
                        found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + literal.group());
                    }
                }
            }
        }
        assertThat(found).as("flags named outside cli").isEmpty();
    }

    /** Not even in documentation: a library caller catches IllegalArgumentException and the types the layers declare. */
    @Test
    void noPackageOtherThanCliMentionsUserError() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : outsideCli()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("UserError")) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": "
                            + lines.get(i).strip());
                }
            }
        }
        assertThat(found).as("UserError outside cli").isEmpty();
    }

    /** @return the main source files of every package but {@code cli} */
    private static List<Path> outsideCli() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java")
                            && !ROOT.relativize(f).startsWith("cli"))
                    .toList();
        }
    }
}
