package dev.heed.cli;

import dev.heed.model.ModelConfig;
import dev.heed.model.ModelFolder;
import dev.heed.model.Presets;
import dev.heed.model.WeightLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a complete Hugging Face model folder from a seeded random init.")
final class ModelInitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--arch", required = true, description = "qwen2, qwen3 or llama")
    String arch;

    @Option(names = "--preset", defaultValue = "tiny", description = "tiny (~1M parameters) or small (~25M); default: ${DEFAULT-VALUE}")
    String preset;

    @Option(names = "--seed", defaultValue = "0", description = "init seed; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", required = true, description = "folder to create (must not exist or be empty)")
    Path out;

    @Override
    public Integer call() {
        ModelConfig.Architecture a = ModelConfig.Architecture.fromModelType(arch, "--arch");
        ModelConfig c = ModelFolder.create(out, a, Presets.size(preset), seed);
        spec.commandLine().getOut().printf("wrote %s: %s %s, %,d parameters, vocab %d, seed %d%n",
                out, a.hfClass, preset, WeightLayout.parameterCount(c), c.vocabSize(), seed);
        return Main.OK;
    }
}
