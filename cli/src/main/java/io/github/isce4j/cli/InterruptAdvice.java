package io.github.isce4j.cli;

import java.util.function.Supplier;

/**
 * Tells a user who stops a long command (Ctrl-C, or SIGTERM) how to continue it. The JVM runs
 * shutdown hooks on those signals, not on SIGKILL; closing the advice when the command ends by
 * itself keeps it from being printed on a normal exit.
 */
final class InterruptAdvice implements AutoCloseable {

    private final Thread hook;

    private InterruptAdvice(Supplier<String> advice) {
        hook = new Thread(
                () -> {
                    System.out.flush();
                    // On its own line: a progress bar may have been drawn without a line break.
                    System.err.println();
                    System.err.println("interrupted; " + advice.get());
                    System.err.flush();
                },
                "isce-interrupt-advice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * @param advice what to run to continue, e.g. "continue with: isce train --resume --out runs/x"
     * @return the advice, armed until closed
     */
    static InterruptAdvice on(String advice) {
        return new InterruptAdvice(() -> advice);
    }

    /**
     * @param advice decides, at the interruption, what to run to continue
     * @return the advice, armed until closed
     */
    static InterruptAdvice on(Supplier<String> advice) {
        return new InterruptAdvice(advice);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs or has run
        }
    }
}
