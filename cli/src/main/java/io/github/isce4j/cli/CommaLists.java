package io.github.isce4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Refuses a comma-separated flag value with an empty element ({@code --eps ,}, {@code --attack
 * pgd-l2,,}, {@code --only table1,,}). picocli drops empty elements when it splits, so
 * {@code --eps ,} would run an empty table and exit 0; a stray comma is a typo to be shown, not
 * something to guess about.
 */
final class CommaLists {

    private CommaLists() {}

    /**
     * @param parsed the whole command line as picocli parsed it
     * @return {@code parsed}, when no comma-separated value of it has an empty element
     * @throws CommandLine.ParameterException naming the flag and the value typed
     */
    static CommandLine.ParseResult check(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (OptionSpec option : p.matchedOptions()) {
                if (option.splitRegex().isEmpty()) {
                    continue;
                }
                for (String value : option.originalStringValues()) {
                    if (hasEmptyElement(value, option.splitRegex())) {
                        throw new CommandLine.ParameterException(
                                p.commandSpec().commandLine(),
                                option.longestName() + " '" + value + "' has an empty element; write the values "
                                        + "separated by single commas, e.g. " + option.longestName() + " a,b");
                    }
                }
            }
        }
        return parsed;
    }

    /** @return whether splitting the value leaves an empty or blank element (leading, trailing or doubled comma) */
    static boolean hasEmptyElement(String value, String regex) {
        for (String element : value.split(regex, -1)) {
            if (element.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
