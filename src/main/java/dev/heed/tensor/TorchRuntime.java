package dev.heed.tensor;

import org.bytedeco.pytorch.Context;

/** Process-wide libtorch settings, applied once before the first model is built. */
public final class TorchRuntime {
    private static volatile boolean initialized;

    private TorchRuntime() {}

    public static void init() {
        if (initialized) return;
        synchronized (TorchRuntime.class) {
            if (initialized) return;
            // Adam's second moments of tiny gradients decay into subnormal floats, which x86 computes
            // ~100x slower: a converging CPU run slowed from 16 ms to 350 ms a step. Flush them to zero.
            Context.setFlushDenormal(true);
            // fp32 matmuls run in OpenBLAS, a second thread pool beside libtorch's that also spins and is
            // called from inside libtorch's parallel loops: with one BLAS thread per caller the tiny model ran
            // 10x faster and the small one 2x on 2 cores (bench/RESULTS.md). OPENBLAS_NUM_THREADS overrides.
            if (System.getenv("OPENBLAS_NUM_THREADS") == null) CpuThreads.setBlas(1);
            initialized = true;
        }
    }
}
