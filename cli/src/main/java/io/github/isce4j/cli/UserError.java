package io.github.isce4j.cli;

import io.github.isce4j.InvalidSetting;
import java.util.Map;

/**
 * Bad input on the command line, in the CLI's words: a flag value, a flag combination, a flag's
 * advice added to a lower layer's IllegalArgumentException, a lower layer's {@link InvalidSetting}
 * under its flag ({@link #of}). Only the {@code cli} package throws it; the lower layers throw
 * standard exceptions that name the setting, not the flag.
 *
 * <p>The message is one line that says what is wrong and what to do about it. {@link Main}
 * prints it without a stack trace and exits with code 2.
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong and what to do */
    UserError(String message) {
        super(message);
    }

    /**
     * @param message one line: what is wrong and what to do
     * @param cause the underlying failure, shown with {@code --debug}
     */
    UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A lower layer's refused setting in the CLI's words: its flag where the library names the
     * setting ("--batch-size must be >= 1, got 0" for "batch_size must be >= 1, got 0"). This is
     * the one place that turns a setting into its flag.
     *
     * @param refused the refusal, naming the setting as config.json does
     * @param flags the command's flags whose names are not {@code --} and the setting's name with
     *     '_' written '-', by setting name (e.g. label_smoothing_epsilon → --ls-epsilon)
     * @return the error to throw
     */
    static UserError of(InvalidSetting refused, Map<String, String> flags) {
        return new UserError(flag(refused.setting(), flags) + " " + refused.problem(), refused);
    }

    /**
     * @param setting a setting's config.json name, e.g. {@code batch_size}
     * @param flags the exceptions to the naming convention, by setting name
     * @return its flag, e.g. {@code --batch-size}
     */
    static String flag(String setting, Map<String, String> flags) {
        return flags.getOrDefault(setting, "--" + setting.replace('_', '-'));
    }
}
