/**
 * The {@code isce} command line (picocli). Internal: the only package that knows flag names and the
 * only one that throws {@code UserError}; it names the flag where a lower layer's
 * {@link io.github.isce4j.InvalidSetting} names the setting (in one place, {@code UserError.of}),
 * and turns user errors into one line and exit code 2
 * ({@link io.github.isce4j.cli.Main} decides every exit code).
 */
package io.github.isce4j.cli;
