package dev.heed.cli;

import dev.heed.bench.GenerationBenchmark;
import dev.heed.config.BadInputException;
import dev.heed.model.ModelConfig;
import dev.heed.model.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Rollout engine throughput on a random-init model: generated tokens/s at each batch size, then static vs"
                + " continuous batching on a long-tail mix of output lengths, in the same run (CPU); each case the median of --repeats runs."})
final class BenchGenerateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--arch", defaultValue = "qwen2", description = "qwen2, qwen3 or llama; default: ${DEFAULT-VALUE}")
    String arch;

    @Option(names = "--preset", defaultValue = "tiny", description = "tiny or small; default: ${DEFAULT-VALUE}")
    String preset;

    @Option(names = "--batches", defaultValue = "1,8,64", split = ",", description = "batch sizes; default: ${DEFAULT-VALUE}")
    int[] batches;

    @Option(names = "--prompt-tokens", defaultValue = "64", description = "default: ${DEFAULT-VALUE}")
    int promptTokens;

    @Option(names = "--output-tokens", defaultValue = "128", description = "default: ${DEFAULT-VALUE}")
    int outputTokens;

    @Option(names = "--tail-requests", defaultValue = "64", description = "requests in the long-tail mix; default: ${DEFAULT-VALUE}")
    int tailRequests;

    @Option(names = "--tail-batch", defaultValue = "8", description = "live sequences for the long-tail mix; default: ${DEFAULT-VALUE}")
    int tailBatch;

    @Option(names = "--temperature", defaultValue = "1.0", description = "0 = greedy (as the peer); default: ${DEFAULT-VALUE}")
    double temperature;

    @Option(names = "--seed", defaultValue = "0", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch intra-op threads (default: libtorch's choice)")
    Integer threads;

    @Option(names = "--repeats", defaultValue = "3", description = "runs of each case; the median is reported; default: ${DEFAULT-VALUE}")
    int repeats;

    @Option(names = "--json", description = "one JSON object per case instead of the table")
    boolean json;

    @Override
    public Integer call() {
        ModelConfig.Architecture a;
        try {
            a = ModelConfig.Architecture.valueOf(arch.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--arch: expected qwen2, qwen3 or llama, got '" + arch + "'");
        }
        if (!(temperature >= 0)) throw new BadInputException("--temperature must be >= 0, got " + temperature);
        if (promptTokens < 1 || outputTokens < 1 || tailRequests < 1 || tailBatch < 1 || repeats < 1)
            throw new BadInputException("--prompt-tokens, --output-tokens, --tail-requests, --tail-batch and --repeats must be >= 1");
        for (int b : batches) if (b < 1) throw new BadInputException("--batches: each must be >= 1, got " + b);
        if (threads != null) {
            if (threads < 1) throw new BadInputException("--threads must be >= 1, got " + threads);
            org.bytedeco.pytorch.global.torch.set_num_threads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json) out.printf("%-22s %6s %9s %8s %9s %10s%n", "case", "batch", "requests", "tokens", "seconds", "tokens/s");
        GenerationBenchmark.run(new GenerationBenchmark.Settings(a, Presets.size(preset), batches, promptTokens, outputTokens,
                tailRequests, tailBatch, temperature, seed, repeats), row -> {
            if (json) out.println(row.json());
            else out.printf("%-22s %6d %9d %8d %9.2f %10.1f%n", row.what(), row.batch(), row.requests(), row.tokens(), row.seconds(),
                    row.tokensPerSecond());
            out.flush();
        });
        return Main.OK;
    }
}
