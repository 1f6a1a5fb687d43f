package dev.heed.cli;

import picocli.CommandLine.Command;

/** `heed model ...`: create, inspect and run Hugging Face model folders. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Create, inspect and run Hugging Face model folders.",
        subcommands = {ModelInitCommand.class, ModelInfoCommand.class, ModelLogitsCommand.class})
final class ModelCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
