package dev.heed.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `heed bench ...`: throughput measurements whose results go in bench/RESULTS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks, reported against baselines measured in the same run.",
        subcommands = {BenchModelCommand.class, BenchKernelsCommand.class, BenchGenerateCommand.class, BenchChecksCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
