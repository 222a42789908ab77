package io.github.isce4j.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --out} option of the commands that write their results into one folder (attack,
 * sanity, embed). Each command passes its default in words, which the help shows, and computes
 * that default itself when the option is absent; {@link #folder} checks, before any work starts,
 * that the folder can be written.
 *
 * <p>Not train's, demo's or reproduce's {@code --out}: those hold run directories that are reused
 * and resumed, or a report, and say so in their own words.
 */
final class OutOption {

    @Option(
            names = "--out",
            paramLabel = "DIR",
            converter = Folder.Converter.class,
            description = "Where the results go (default: ${DEFAULT-VALUE}).")
    Folder out;

    /** @param byDefault where the results go without {@code --out}, in words for the help, e.g. "RUN" */
    OutOption(String byDefault) {
        this.out = new Folder(null, byDefault);
    }

    /**
     * @param byDefault the folder when {@code --out} is absent
     * @return the folder given, or the default one; checked writable, not created
     */
    Path folder(Supplier<Path> byDefault) {
        return OutputFolder.requireWritable(out.given() != null ? out.given() : byDefault.get(), "--out");
    }

    /**
     * @param byDefault the folder when {@code --out} is absent
     * @param what what the folder holds, in words, e.g. "attack results (results.json)"
     * @param own the names that mark a folder of this command's results
     * @return the folder given, or the default one, checked, created and locked ({@link OutputFolder#claim})
     */
    OutputFolder.Claim claim(Supplier<Path> byDefault, String what, Set<String> own) {
        return OutputFolder.claim(out.given() != null ? out.given() : byDefault.get(), what, own);
    }

    /**
     * What the option holds: the folder given on the command line, or, before that, the default
     * in words (the help's {@code ${DEFAULT-VALUE}}).
     *
     * @param given the folder typed after {@code --out}, or null
     * @param words the command's default in words, or null
     */
    record Folder(Path given, String words) {

        @Override
        public String toString() {
            return given != null ? given.toString() : words;
        }

        /** Reads a folder as picocli's own Path converter would; a bad one is named with the reason, no class name. */
        static final class Converter implements CommandLine.ITypeConverter<Folder> {
            @Override
            public Folder convert(String value) {
                try {
                    return new Folder(Path.of(value), null);
                } catch (InvalidPathException e) {
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a usable folder name (" + e.getReason() + ")");
                }
            }
        }
    }
}
