package dev.heed.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `heed eval ...`: instruction-following benchmarks scored with the reference evaluators' semantics. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score model responses on an instruction-following benchmark.",
        subcommands = {EvalIfevalCommand.class, EvalIfbenchCommand.class})
final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
