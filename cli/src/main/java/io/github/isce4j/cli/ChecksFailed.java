package io.github.isce4j.cli;

/**
 * A command ran to the end but its verdict is negative (a sanity check failed): {@link Main}
 * prints the reason and exits with {@link Main#CHECK_FAILED}, apart from bad input (2).
 */
final class ChecksFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ChecksFailed(String message) {
        super(message);
    }
}
