package io.github.isce4j;

/**
 * Bad input from the user: a missing or corrupt file, an invalid flag value, an unknown name.
 *
 * <p>The message is one line that says what is wrong and what to do about it. The CLI prints
 * it without a stack trace and exits with code 2.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong and what to do */
    public UserError(String message) {
        super(message);
    }

    /**
     * @param message one line: what is wrong and what to do
     * @param cause the underlying failure, shown with {@code --debug}
     */
    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
