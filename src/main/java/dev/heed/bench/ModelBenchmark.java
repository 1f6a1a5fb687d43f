package dev.heed.bench;

import dev.heed.model.Decoder;
import dev.heed.model.DecoderWeights;
import dev.heed.model.ModelConfig;
import dev.heed.model.ModelFolder;
import dev.heed.model.Presets;
import dev.heed.model.WeightLayout;
import dev.heed.tensor.CpuThreads;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import dev.heed.train.LanguageModelStep;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Model throughput: forward tokens/s and training-step (forward + cross-entropy + backward + AdamW)
 * tokens/s of the preset decoders on random token ids, each with its MFU against the matmul peak of its
 * dtype measured in the same run ({@link PeakMatmul}, FLOPs per {@link ModelFlops}).
 *
 * <p>In a bf16 run the parameters, activations and optimizer state are all bf16, as {@link Decoder} and
 * {@link LanguageModelStep} run them (no fp32 master weights).
 */
public final class ModelBenchmark {
    private static final double LR = 1e-4, WEIGHT_DECAY = 0.01;

    private ModelBenchmark() {}

    public record Settings(ModelConfig.Architecture arch, List<Presets.Size> presets, List<DType> dtypes,
                           int batch, int seq, int warmup, int iters, int peakSize, Device device, long seed) {}

    /** One preset in one dtype; MFU as a fraction of {@code peakFlops}. */
    public record Row(Presets.Size preset, DType dtype, long params, double fwdTokensPerS, double fwdMfu,
                      double trainTokensPerS, double trainMfu, double peakFlops) {}

    /** Peak matmul FLOP/s per dtype, then one row per preset and dtype. */
    public record Report(Map<DType, Double> peakFlops, List<Row> rows) {}

    /** Runs every preset in every dtype, reporting each stage to {@code progress} as it starts. */
    public static Report run(Settings s, Consumer<String> progress) {
        // A busy moment only ever slows a measurement down, and the peak is what the machine can do: it is
        // measured before and after the models, and the better of the two counts.
        Map<DType, Double> peak = peaks(s, progress);
        List<Throughput> measured = new ArrayList<>();
        for (Presets.Size size : s.presets()) {
            ModelConfig config = config(s.arch(), size);
            for (DType d : s.dtypes()) {
                progress.accept(size.name().toLowerCase() + " " + d.torchName);
                measured.add(measure(config, size, d, s));
            }
        }
        peaks(s, progress).forEach((d, flops) -> peak.merge(d, flops, Math::max));
        List<Row> rows = new ArrayList<>();
        for (Throughput t : measured) {
            double p = peak.get(t.dtype());
            rows.add(new Row(t.size(), t.dtype(), WeightLayout.parameterCount(t.config()),
                    t.fwd(), t.fwd() * ModelFlops.forwardPerToken(t.config(), s.seq()) / p,
                    t.train(), t.train() * ModelFlops.trainStepPerToken(t.config(), s.seq()) / p, p));
        }
        return new Report(peak, rows);
    }

    /** Matmul FLOP/s per dtype on every core the run may use, even where OpenBLAS is held to fewer. */
    private static Map<DType, Double> peaks(Settings s, Consumer<String> progress) {
        Map<DType, Double> peak = new LinkedHashMap<>();
        int blas = CpuThreads.blas();
        CpuThreads.setBlas(CpuThreads.intraOp());
        try {
            for (DType d : s.dtypes()) {
                progress.accept("peak matmul " + s.peakSize() + "x" + s.peakSize() + " " + d.torchName);
                peak.put(d, PeakMatmul.flopsPerSecond(s.peakSize(), d, s.device(), s.seed()));
            }
        } finally {
            CpuThreads.setBlas(blas);
        }
        return peak;
    }

    /** The config `heed model init` writes for this architecture and preset. */
    public static ModelConfig config(ModelConfig.Architecture arch, Presets.Size size) {
        return Presets.of(arch, size, ModelFolder.vocabSize(size), 0L, List.of(1L));
    }

    /** Tokens/s of one preset in one dtype, before any peak is known. */
    private record Throughput(Presets.Size size, DType dtype, ModelConfig config, double fwd, double train) {}

    private static Throughput measure(ModelConfig config, Presets.Size size, DType dtype, Settings s) {
        Generator ids = torch.createCPUGenerator(s.seed());
        double fwd, train;
        try (Decoder model = new Decoder(DecoderWeights.init(config, s.seed(), s.device(), dtype), s.device(), dtype)) {
            fwd = tokensPerSecond(s, () -> {
                try (NoGradGuard noGrad = new NoGradGuard()) {
                    Tensor input = randomIds(ids, config, s);
                    long start = System.nanoTime();
                    sync(model.forward(input, null));
                    return System.nanoTime() - start;
                }
            });
            try (LanguageModelStep step = new LanguageModelStep(model, LR, WEIGHT_DECAY)) {
                train = tokensPerSecond(s, () -> {
                    Tensor input = randomIds(ids, config, s);
                    long start = System.nanoTime();
                    step.step(input, null); // returns the loss as a float: the device has finished
                    return System.nanoTime() - start;
                });
            }
        }
        return new Throughput(size, dtype, config, fwd, train);
    }

    /** One timed call: prepares its input untimed, returns the nanoseconds of the measured work. */
    private interface TimedCall {
        long nanos();
    }

    /** Tokens per second of the median timed call: on a shared machine one preempted call must not set the number. */
    private static double tokensPerSecond(Settings s, TimedCall call) {
        for (int i = 0; i < s.warmup(); i++) {
            try (PointerScope scope = new PointerScope()) {
                call.nanos();
            }
        }
        long[] nanos = new long[s.iters()];
        for (int i = 0; i < nanos.length; i++) {
            try (PointerScope scope = new PointerScope()) {
                nanos[i] = call.nanos();
            }
        }
        return (double) s.batch() * s.seq() / (median(nanos) / 1e9);
    }

    /** The median, or the mean of the two middle values. */
    static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
    }

    /** Fresh token ids [B, T], drawn on a seeded CPU generator so every device sees the same batches. */
    private static Tensor randomIds(Generator gen, ModelConfig config, Settings s) {
        Tensor ids = torch.randint(config.vocabSize(), new long[] {s.batch(), s.seq()}, new GeneratorOptional(gen),
                Tensors.options(DType.I64, Devices.cpu()));
        return s.device().is_cpu() ? ids : ids.to(s.device(), DType.I64.scalarType);
    }

    /** Waits for the work producing {@code t}: reading one element back blocks until the device is done. */
    static void sync(Tensor t) {
        t.reshape(-1).select(0, 0).item_float();
    }
}
