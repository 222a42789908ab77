package io.github.isce4j.cli;

import picocli.CommandLine.Option;

/** The {@code --seed} option of the commands that attack: one seed for every random choice they make. */
final class SeedOption {

    @Option(
            names = "--seed",
            defaultValue = "0",
            paramLabel = "S",
            description = "Seed of every random choice: targets, random "
                    + "starts, SimBA and Square, random resize + pad (default: ${DEFAULT-VALUE}).")
    long seed;
}
