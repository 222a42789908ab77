package io.github.isce4j.cli;

import io.github.isce4j.DiskFull;
import io.github.isce4j.data.Downloader;
import io.github.isce4j.model.ConvolutionCheck;
import io.github.isce4j.model.NonFiniteGradient;
import io.github.isce4j.model.OneDnnCap;
import io.github.isce4j.reproduce.CellRunner;
import io.github.isce4j.train.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code isce} command. {@link #run} is the entry tests call; it never exits the JVM. Exit
 * codes are decided here, in one place, from what was thrown: 0 success, 2 bad input (one line,
 * no stack trace unless {@code --debug}), 1 a failed check or anything unexpected.
 */
@Command(
        name = "isce",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Robust training and honest robustness evaluation with the Inference-Softmax Cross "
                    + "Entropy (I-SCE) loss of Song et al., Mathematics 2022. Images are float32 NCHW "
                    + "in [0, 1]; MNIST ships with isce4j, so everything works offline.",
            ""
        },
        subcommands = {
            DemoCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            AttackCommand.class,
            SanityCommand.class,
            EmbedCommand.class,
            DataCommand.class,
            BenchCommand.class,
            ReproduceCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Run `isce COMMAND --help` for the options of a command. Start with `isce demo`."})
public final class Main implements Runnable {

    /**
     * Exit code for bad input (a missing file, a bad flag value, an unknown name) and for a refusal
     * that the user must act on before running again (a run directory in use, a failed download,
     * native convolution gradients that need {@code ONEDNN_MAX_CPU_ISA=AVX}).
     */
    public static final int BAD_INPUT = 2;

    /** Exit code of a command that finished but whose checks failed ({@code isce sanity}). */
    public static final int CHECK_FAILED = 1;

    /** Internal: the command must run again with oneDNN capped. */
    private static final int RESTART_CAPPED = -2;

    private static final String RESTART_HINT =
            "start isce with the environment variable " + OneDnnCap.VARIABLE + "=" + OneDnnCap.CAP;

    /** Whether {@link #main} can start the command again capped ({@link #run}, which tests call, cannot). */
    private static volatile boolean restartable;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces for errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and returns its exit code.
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::onFailure);
        cli.setParameterExceptionHandler(Main::onBadArguments);
        cli.setExecutionStrategy(parsed -> new CommandLine.RunLast().execute(CommaLists.check(parsed)));
        return cli.execute(args);
    }

    /**
     * Runs the command line and exits with its code. Where the convolution check finds that this
     * CPU's oneDNN computes a model's input gradients wrong, the command runs again in a JVM started
     * with oneDNN capped (what it finished before is reused, as after any interruption).
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        restartable = true;
        int code = run(args);
        if (code == RESTART_CAPPED) {
            code = runCapped();
        }
        System.exit(code);
    }

    /** @return the exit code of this JVM's command line run again with {@link OneDnnCap#CAP} set */
    private static int runCapped() {
        ProcessHandle.Info self = ProcessHandle.current().info();
        if (self.command().isEmpty() || self.arguments().isEmpty()) {
            System.err.println("error: cannot restart this JVM capped; " + RESTART_HINT);
            return BAD_INPUT;
        }
        List<String> command = new ArrayList<>();
        command.add(self.command().get());
        command.addAll(List.of(self.arguments().get()));
        ProcessBuilder restart = new ProcessBuilder(command).inheritIO();
        restart.environment().put(OneDnnCap.VARIABLE, OneDnnCap.CAP);
        try {
            return restart.start().waitFor();
        } catch (IOException e) {
            System.err.println("error: cannot restart capped (" + e.getMessage() + "); " + RESTART_HINT);
            return BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (System.console() != null) {
            err.print("\r\u001b[K"); // a progress bar's half-drawn line on the terminal: the error replaces it
        }
        boolean debug = parsed.hasMatchedOption("--debug") || (parsed.hasSubcommand() && anyDebug(parsed));
        if (e instanceof ChecksFailed) {
            err.println("failed: " + e.getMessage());
            err.flush();
            return CHECK_FAILED;
        }
        Throwable userError = findUserError(e);
        if (debug) {
            e.printStackTrace(err);
        }
        if (userError instanceof ConvolutionCheck.WrongGradients && restartable && !OneDnnCap.inEffect()) {
            err.println("isce: " + userError.getMessage().replaceFirst("; start the process with .*", "")
                    + "; running the command again with " + OneDnnCap.VARIABLE + "=" + OneDnnCap.CAP);
            err.flush();
            return RESTART_CAPPED;
        }
        if (userError != null) {
            err.println("error: " + userError.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        err.println(
                "internal error: " + plainMessage(e) + (debug ? "" : " (run again with --debug for the stack trace)"));
        err.flush();
        return 1;
    }

    /**
     * @param e a failure
     * @return the first line of the innermost message, without a Java class name: what the user can
     *     report; {@code --debug} shows the classes and the stack trace
     */
    public static String plainMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return "an unexpected failure without a message";
        }
        String first = message.strip().lines().findFirst().orElse("");
        // A wrapped cause's message starts with its class name ("java.io.IOException: ..."): drop it.
        return first.replaceFirst("^([a-z]\\w*\\.)+[A-Z]\\w*(Exception|Error): ", "");
    }

    private static boolean anyDebug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bad input is a {@link UserError} (thrown by the commands, which know the flags) or an
     * IllegalArgumentException thrown by isce4j's own validation in a lower layer (which names the
     * setting, not the flag); one thrown inside a library is a bug and stays an internal error.
     * The lower layers' refusals that are not bad input but that the user must act on get the same
     * one line and exit code: {@link RunLock.Held}, {@link Downloader.Failed},
     * {@link ConvolutionCheck.WrongGradients}, {@link NonFiniteGradient}, {@link DiskFull} and a
     * {@link CellRunner.CellFailed} the user can fix (a cluster's cell that failed on a setting or the data).
     */
    static Throwable findUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError
                    || t instanceof RunLock.Held
                    || t instanceof Downloader.Failed
                    || t instanceof ConvolutionCheck.WrongGradients
                    || t instanceof NonFiniteGradient
                    || t instanceof DiskFull
                    || (t instanceof CellRunner.CellFailed failed && failed.badInput())) {
                return t;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException
                    && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("io.github.isce4j.")) {
                return t;
            }
        }
        return null;
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String hint = "";
        if (e instanceof CommandLine.UnmatchedArgumentException u
                && !u.getSuggestions().isEmpty()) {
            hint = "; did you mean "
                    + u.getSuggestions().stream()
                            .limit(1)
                            .map(x -> "`" + x + "`")
                            .collect(java.util.stream.Collectors.joining(" or "))
                    + "?";
        }
        err.println("error: " + e.getMessage().lines().findFirst().orElse("") + hint + " (see `"
                + cli.getCommandSpec().qualifiedName() + " --help`)");
        err.flush();
        return BAD_INPUT;
    }
}
