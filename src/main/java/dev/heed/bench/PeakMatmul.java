package dev.heed.bench;

import dev.heed.tensor.DType;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

import java.util.ArrayList;
import java.util.List;

/**
 * The practical peak of a device in one dtype: FLOP/s of a large square matmul, the densest work a
 * model does. MFU is taken against this number, measured in the same run, rather than against a
 * datasheet figure that a shared or throttled machine never reaches.
 */
public final class PeakMatmul {
    private static final int WARMUP = 2;
    private static final int MIN_ITERS = 3;
    private static final double MIN_SECONDS = 2.0;

    private PeakMatmul() {}

    /** FLOP/s of the fastest n×n by n×n matmul in {@code dtype} on {@code device}: 2·n³ per product. */
    public static double flopsPerSecond(int n, DType dtype, Device device, long seed) {
        Generator gen = torch.createCPUGenerator(seed);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor a = random(n, gen, device, dtype);
            Tensor b = random(n, gen, device, dtype);
            for (int i = 0; i < WARMUP; i++) product(a, b);
            List<Long> nanos = new ArrayList<>();
            long start = System.nanoTime();
            while (nanos.size() < MIN_ITERS || System.nanoTime() - start < MIN_SECONDS * 1e9) nanos.add(product(a, b));
            // the fastest product: a peak is what the machine can do, and preemption only ever slows one down
            return 2.0 * n * n * n / (nanos.stream().mapToLong(Long::longValue).min().getAsLong() / 1e9);
        }
    }

    private static long product(Tensor a, Tensor b) {
        try (PointerScope scope = new PointerScope()) {
            long start = System.nanoTime();
            ModelBenchmark.sync(torch.mm(a, b));
            return System.nanoTime() - start;
        }
    }

    private static Tensor random(int n, Generator gen, Device device, DType dtype) {
        // Drawn on the CPU generator so the operands are the same on every device.
        Tensor t = torch.empty(new long[] {n, n}, new TensorOptions(DType.F32.scalarType), null)
                .normal_(0.0, 1.0, new GeneratorOptional(gen));
        return t.to(device, dtype.scalarType).contiguous();
    }
}
