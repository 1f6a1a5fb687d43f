package dev.heed.bench;

import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.TorchRuntime;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code heed bench kernels}: each fused op against its libtorch eager composition on the same fresh
 * random inputs, in the same run: the max relative error between them, the median time of each
 * (calls alternate, so a busy machine slows both alike) and the peak memory each needs above its inputs.
 */
public final class KernelBenchmark {
    private KernelBenchmark() {}

    public record Settings(long tokens, long vocab, long hidden, DType dtype, int warmup, int iters, long seed) {}

    public record Row(String op, String device, String dtype, long tokens, long vocab, double maxRelErr,
                      double heedMs, double eagerMs, double heedExtraMb, double eagerExtraMb) {
        public String json() {
            return String.format(Locale.ROOT, "{\"op\":\"%s\",\"device\":\"%s\",\"dtype\":\"%s\",\"tokens\":%d,\"vocab\":%d,"
                            + "\"max_rel_err\":%.3g,\"heed_ms\":%.4f,\"eager_ms\":%.4f,\"heed_extra_mb\":%.2f,\"eager_extra_mb\":%.2f}",
                    op, device, dtype, tokens, vocab, maxRelErr, heedMs, eagerMs, heedExtraMb, eagerExtraMb);
        }
    }

    public static List<Row> run(Settings s, Consumer<Row> onRow) {
        TorchRuntime.init();
        KernelCases.Shape shape = new KernelCases.Shape(s.tokens(), s.vocab(), s.hidden(), s.dtype(), Devices.cpu());
        List<Row> rows = new ArrayList<>();
        long seed = s.seed();
        for (Function<KernelCases.Shape, KernelCase> make : KernelCases.all()) {
            try (PointerScope scope = new PointerScope()) {
                torch.manual_seed(seed++);
                KernelCase c = make.apply(shape);
                double err = c.maxRelErr();
                double[] ms = times(c, s.warmup(), s.iters());
                double fusedMb = extraMb(c, c::fused), eagerMb = extraMb(c, c::eager);
                Row row = new Row(c.op(), "cpu", s.dtype().torchName, s.tokens(), s.vocab(), err, ms[0], ms[1], fusedMb, eagerMb);
                rows.add(row);
                onRow.accept(row);
            }
        }
        return rows;
    }

    /** Median milliseconds of the fused and the eager call, alternating between them. */
    private static double[] times(KernelCase c, int warmup, int iters) {
        for (int i = 0; i < warmup; i++) {
            once(c, c::fused);
            once(c, c::eager);
        }
        double[] fused = new double[iters], eager = new double[iters];
        for (int i = 0; i < iters; i++) {
            fused[i] = once(c, c::fused);
            eager[i] = once(c, c::eager);
        }
        return new double[] {median(fused), median(eager)};
    }

    private static double once(KernelCase c, Runnable call) {
        try (PointerScope scope = new PointerScope()) {
            c.prepare();
            long t0 = System.nanoTime();
            call.run();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double extraMb(KernelCase c, Runnable call) {
        if (!PeakRss.supported()) return Double.NaN;
        try (PointerScope scope = new PointerScope()) {
            c.prepare();
            long base = PeakRss.reset();
            call.run();
            return PeakRss.extraSince(base) / (double) (1 << 20);
        }
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
