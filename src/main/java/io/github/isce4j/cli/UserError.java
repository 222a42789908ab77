package io.github.isce4j.cli;

/**
 * Bad input on the command line, in the CLI's words: a flag value, a flag combination, a flag's
 * advice added to a lower layer's IllegalArgumentException. Only the {@code cli} package throws
 * it; the lower layers throw standard exceptions that name the setting, not the flag.
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
}
