package dev.heed.cli;

import dev.heed.bench.KernelBenchmark;
import dev.heed.config.BadInputException;
import dev.heed.tensor.DType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = {"Fused kernels against their libtorch eager compositions on fresh random inputs: max relative error,"
                + " median time and peak extra memory (above the inputs) of each, measured in the same run.",
                "CPU only; the CUDA kernels are checked on a GPU host by bench/gpu/check.sh."})
final class BenchKernelsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--tokens", defaultValue = "1024", description = "tokens N (rows of the logits); default: ${DEFAULT-VALUE}")
    long tokens;

    @Option(names = "--vocab", defaultValue = "151936", description = "vocabulary V; default: ${DEFAULT-VALUE} (Qwen)")
    long vocab;

    @Option(names = "--hidden", defaultValue = "256", description = "hidden size H of the fused LM head; default: ${DEFAULT-VALUE}")
    long hidden;

    @Option(names = "--dtype", defaultValue = "fp32", description = "fp32 or bf16 (of the logits, hidden states and LM head); default: ${DEFAULT-VALUE}")
    String dtype;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed calls of each before timing; default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--iters", defaultValue = "5", description = "timed calls of each (the median counts); default: ${DEFAULT-VALUE}")
    int iters;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the random inputs; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "one JSON object per op instead of the table")
    boolean json;

    @Override
    public Integer call() {
        DType d = DType.parse(dtype);
        if (d != DType.F32 && d != DType.BF16) throw new BadInputException("--dtype: expected fp32 or bf16, got '" + dtype + "'");
        if (tokens < 1 || vocab < 2 || hidden < 1) throw new BadInputException("--tokens, --hidden must be ≥ 1 and --vocab ≥ 2");
        if (iters < 1 || warmup < 0) throw new BadInputException("--iters must be ≥ 1 and --warmup ≥ 0");
        PrintWriter out = spec.commandLine().getOut();
        if (!json) out.printf("%-17s %-8s %11s %11s %8s %11s %11s %8s%n",
                "op", "dtype", "max_rel_err", "heed_ms", "eager_ms", "speedup", "heed_mb", "eager_mb");
        KernelBenchmark.run(new KernelBenchmark.Settings(tokens, vocab, hidden, d, warmup, iters, seed), row -> {
            if (json) out.println(row.json());
            else out.printf("%-17s %-8s %11.2e %11.3f %8.3f %10.2fx %11.1f %8.1f%n", row.op(), row.dtype(), row.maxRelErr(),
                    row.heedMs(), row.eagerMs(), row.eagerMs() / row.heedMs(), row.heedExtraMb(), row.eagerExtraMb());
            out.flush();
        });
        return Main.OK;
    }
}
