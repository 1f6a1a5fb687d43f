package dev.heed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.bench.ModelBenchmark;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import dev.heed.model.ModelConfig;
import dev.heed.model.Presets;
import dev.heed.tensor.CpuThreads;
import dev.heed.tensor.TorchRuntime;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Forward and training-step (forward + backward + AdamW) tokens/s of the preset models on random "
                + "token ids, each with its MFU: achieved FLOP/s over the FLOP/s of a large matmul in the same dtype, "
                + "measured in the same run."})
final class BenchModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--arch", defaultValue = "qwen2", description = "qwen2, qwen3 or llama; default: ${DEFAULT-VALUE}")
    String arch;

    @Option(names = "--preset", split = ",", defaultValue = "tiny,small",
            description = "presets to run (repeatable or comma list); default: ${DEFAULT-VALUE}")
    List<String> presets;

    @Option(names = "--dtype", split = ",", defaultValue = "fp32,bf16",
            description = "dtypes to run (repeatable or comma list: fp32, bf16, fp16); default: ${DEFAULT-VALUE}")
    List<String> dtypes;

    @Option(names = "--batch", defaultValue = "8", description = "sequences per step; default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--seq", defaultValue = "256", description = "tokens per sequence; default: ${DEFAULT-VALUE}")
    int seq;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed calls before each measurement; default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--iters", defaultValue = "3", description = "timed calls per measurement (the median counts); default: ${DEFAULT-VALUE}")
    int iters;

    @Option(names = "--peak-size", defaultValue = "2048", description = "side of the square matmul that measures the peak; default: ${DEFAULT-VALUE}")
    int peakSize;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or cuda:N; default: ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--threads", description = "libtorch intra-op threads; default: all cores")
    Integer threads;

    @Option(names = "--blas-threads", description = "OpenBLAS threads (fp32 matmuls; a pool beside --threads); default: 1, the engine default (OPENBLAS_NUM_THREADS overrides)")
    Integer blasThreads;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the weights and token ids; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "one JSON object per preset and dtype instead of the table")
    boolean json;

    @Override
    public Integer call() {
        positive("--batch", batch);
        if (seq < 2) throw new BadInputException("--seq must be at least 2 (next-token targets), got " + seq);
        if (warmup < 0) throw new BadInputException("--warmup must be 0 or more, got " + warmup);
        positive("--iters", iters);
        positive("--peak-size", peakSize);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        positive("--threads", nThreads);
        if (blasThreads != null) positive("--blas-threads", blasThreads);
        ModelBenchmark.Settings settings = new ModelBenchmark.Settings(
                ModelConfig.Architecture.fromModelType(arch, "--arch"),
                presets.stream().map(Presets::size).distinct().toList(),
                dtypes.stream().map(BenchModelCommand::floating).distinct().toList(),
                batch, seq, warmup, iters, peakSize, Devices.parse(device), seed);

        TorchRuntime.init(); // the engine's thread defaults first, so the options below override them
        CpuThreads.setIntraOp(nThreads);
        if (blasThreads != null) CpuThreads.setBlas(blasThreads);
        PrintWriter err = spec.commandLine().getErr();
        ModelBenchmark.Report report = ModelBenchmark.run(settings, stage -> {
            err.println("bench: " + stage);
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        if (json) printJson(out, report, nThreads);
        else printTable(out, report, nThreads);
        out.flush();
        return Main.OK;
    }

    private void printJson(PrintWriter out, ModelBenchmark.Report report, int nThreads) {
        for (ModelBenchmark.Row r : report.rows()) {
            ObjectNode o = JsonFiles.MAPPER.createObjectNode();
            o.put("bench", "model");
            o.put("arch", arch);
            o.put("preset", name(r.preset()));
            o.put("dtype", name(r.dtype()));
            o.put("params", r.params());
            o.put("batch", batch);
            o.put("seq", seq);
            o.put("fwd_tokens_per_s", r.fwdTokensPerS());
            o.put("fwd_mfu", r.fwdMfu());
            o.put("train_tokens_per_s", r.trainTokensPerS());
            o.put("train_mfu", r.trainMfu());
            o.put("peak_matmul_gflops", r.peakFlops() / 1e9);
            o.put("device", device);
            o.put("threads", nThreads);
            o.put("blas_threads", CpuThreads.blas());
            out.println(o);
        }
    }

    private void printTable(PrintWriter out, ModelBenchmark.Report report, int nThreads) {
        out.printf("model throughput: %s, batch %d x seq %d, %s, %d threads (OpenBLAS %d), warmup %d, iters %d%n",
                arch, batch, seq, device, nThreads, CpuThreads.blas(), warmup, iters);
        StringBuilder peak = new StringBuilder("peak matmul " + peakSize + "x" + peakSize + ":");
        for (Map.Entry<DType, Double> e : report.peakFlops().entrySet())
            peak.append(String.format(" %s %.1f GFLOP/s", name(e.getKey()), e.getValue() / 1e9));
        out.println(peak);
        out.printf("%-6s %-5s %12s %12s %8s %12s %9s%n", "preset", "dtype", "params", "fwd tok/s", "fwd MFU", "train tok/s", "train MFU");
        for (ModelBenchmark.Row r : report.rows())
            out.printf("%-6s %-5s %,12d %,12.0f %7.1f%% %,12.0f %8.1f%%%n", name(r.preset()), name(r.dtype()), r.params(),
                    r.fwdTokensPerS(), 100 * r.fwdMfu(), r.trainTokensPerS(), 100 * r.trainMfu());
    }

    private static DType floating(String name) {
        DType d = DType.parse(name);
        if (d == DType.I64) throw new BadInputException("--dtype " + name + ": expected a floating dtype (fp32, bf16, fp16)");
        return d;
    }

    private static void positive(String option, int value) {
        if (value < 1) throw new BadInputException(option + " must be at least 1, got " + value);
    }

    private static String name(Presets.Size size) {
        return size.name().toLowerCase();
    }

    private static String name(DType d) {
        switch (d) {
            case F32: return "fp32";
            case BF16: return "bf16";
            case F16: return "fp16";
            default: return d.torchName;
        }
    }
}
