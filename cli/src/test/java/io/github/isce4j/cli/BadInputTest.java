package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input that needs no training: one line on stderr, exit code 2, and a message that says what to fix. */
class BadInputTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String oneErrorLine(String... args) {
        err.reset();
        assertThat(Main.run(args)).as(String.join(" ", args)).isEqualTo(2);
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).as(String.join(" ", args)).hasSize(1);
        assertThat(lines[0]).startsWith("error: ").doesNotContain("Exception").doesNotContain("(null)");
        return lines[0];
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        assertThat(oneErrorLine("trian")).contains("did you mean `train`?");
    }

    @Test
    void aDamagedConfigJsonIsNamedWithWhatIsWrong(@TempDir Path tmp) throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path config = run.resolve("config.json");
        String[][] cases = {
            {"", "is empty"},
            {"[1, 2]", "is not a JSON object"},
            {"{\"training\": {", "cannot read " + config},
            {"{\"training\": {\"dataset\": \"mnist\"}}", "has no \"model\""},
        };
        for (String[] c : cases) {
            Files.writeString(config, c[0]);
            String line = oneErrorLine("eval", run.toString());
            assertThat(line).as(c[0]).contains(config.toString()).contains(c[1]).doesNotContain("Troubleshooting");
        }
    }

    @Test
    void aGivenDataDirThatLacksTheDatasetIsAnError(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(oneErrorLine(
                        "train",
                        "--data-dir",
                        empty.toString(),
                        "--epochs",
                        "1",
                        "--out",
                        tmp.resolve("run").toString()))
                .contains(empty.resolve("mnist") + " (no such folder)");
        assertThat(tmp.resolve("run/config.json")).doesNotExist();
    }
}
