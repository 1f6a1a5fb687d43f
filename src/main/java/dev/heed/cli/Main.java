package dev.heed.cli;

import dev.heed.config.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** `heed`: the command-line entry point. Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad input. */
@Command(name = "heed", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "RL post-training engine for LLMs with self-supervised multi-constraint rewards.",
        subcommands = {ModelCommand.class, GenerateCommand.class, EvalCommand.class, CheckCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0, FAILURE = 1, BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI in-process (tests call this) and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr()));
        return cli.execute(args);
    }

    private static int report(Exception e, PrintWriter err) {
        Throwable cause = e;
        while (!(cause instanceof BadInputException) && cause.getCause() != null && cause.getCause() != cause)
            cause = cause.getCause();
        if (cause instanceof BadInputException) {
            err.println("heed: error: " + cause.getMessage());
            return BAD_INPUT;
        }
        err.println("heed: failed: " + e);
        if (System.getenv("HEED_DEBUG") != null) e.printStackTrace(err);
        else err.println("(set HEED_DEBUG=1 for the stack trace)");
        return FAILURE;
    }
}
