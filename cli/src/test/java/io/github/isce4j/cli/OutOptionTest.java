package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The shared --out of attack, sanity and embed: each command's default in its help, the folder given or the default. */
class OutOptionTest {

    @Test
    void theHelpShowsEachCommandsDefault() {
        assertThat(usage(new AttackCommand()))
                .contains("Where the results go (default: TARGET/attacks/ATTACKS-PROTOCOL for a run directory).");
        assertThat(usage(new SanityCommand()))
                .contains("Where the results go (default: TARGET/sanity for a run directory).");
        assertThat(usage(new EmbedCommand())).contains("Where the results go (default: RUN).");
    }

    @Test
    void theFolderGivenWinsAndTheDefaultIsComputedOnlyWithoutIt(@TempDir Path tmp) {
        EmbedCommand given = new EmbedCommand();
        new CommandLine(given).parseArgs("run", "--out", tmp.resolve("mine").toString());
        assertThat(given.out.folder(() -> {
                    throw new AssertionError("the default is not needed");
                }))
                .isEqualTo(tmp.resolve("mine"));

        EmbedCommand absent = new EmbedCommand();
        new CommandLine(absent).parseArgs("run");
        assertThat(absent.out.folder(() -> tmp.resolve("default"))).isEqualTo(tmp.resolve("default"));
    }

    @Test
    void aFolderThatCannotBeCreatedIsRefusedNamingTheFlag(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        SanityCommand command = new SanityCommand();
        new CommandLine(command)
                .parseArgs("model.pt", "--out", file.resolve("sub").toString());
        assertThatThrownBy(() -> command.out.folder(() -> tmp))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("--out " + file.resolve("sub") + " cannot be created");
    }

    private static String usage(Object command) {
        return new CommandLine(command)
                .getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");
    }
}
