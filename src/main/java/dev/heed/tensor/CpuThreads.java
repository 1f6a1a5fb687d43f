package dev.heed.tensor;

import org.bytedeco.openblas.presets.openblas_nolapack;
import org.bytedeco.pytorch.global.torch;

/**
 * The two CPU thread pools under libtorch in this build. libtorch's own intra-op pool (OpenMP) runs the
 * element-wise ops, the bf16 matmuls (oneDNN) and the attention kernel; fp32 matmuls go to OpenBLAS, a
 * pthreads build with a pool of its own that {@code torch.set_num_threads} does not touch and that is
 * also called from inside libtorch's parallel loops (the CPU attention kernel). Both pools spin while they
 * wait, so on a small shared machine their sum, not either one, decides whether fp32 work oversubscribes
 * the cores.
 */
public final class CpuThreads {
    private CpuThreads() {}

    public static void setIntraOp(int n) {
        torch.set_num_threads(n);
    }

    public static int intraOp() {
        return torch.get_num_threads();
    }

    public static void setBlas(int n) {
        openblas_nolapack.blas_set_num_threads(n);
    }

    /**
     * OpenBLAS's thread count: the last {@link #setBlas} value, else what OpenBLAS reads at start-up
     * (OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS, OMP_NUM_THREADS, else every core). OpenBLAS has no getter
     * in the bindings, so this mirrors its rule.
     */
    public static int blas() {
        int set = openblas_nolapack.blas_get_num_threads();
        if (set > 0) return set;
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String v = System.getenv(name);
            if (v != null && v.trim().matches("[1-9]\\d*")) return Integer.parseInt(v.trim());
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
