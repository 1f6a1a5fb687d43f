package dev.heed.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * JavaCPP binding of the C ABI in {@code native/heed_kernels.h} (CPU kernels) and {@code native/cuda_loader.h}
 * (the run-time link to the optional CUDA library). The javacpp Maven plugin compiles the sources listed
 * here into {@code libjniNativeKernels.so} at {@code process-classes}. Callers pass raw tensor pointers; the
 * typed wrappers around this class check shapes, dtypes and devices first.
 */
@Platform(include = {"heed_kernels.h", "cuda_loader.h", "cpu_logprob.cpp", "cpu_losses.cpp", "cpu_decode.cpp", "cuda_loader.cpp"},
        compiler = "cpp17", link = "dl")
final class NativeKernels {
    static {
        // libtorch first, so the kernels' OpenMP resolves to the libgomp libtorch already loaded (one thread pool).
        Loader.load(org.bytedeco.pytorch.global.torch.class);
        Loader.load();
    }

    private NativeKernels() {}

    static final int F32 = 0, BF16 = 1;
    static final int STATS = 8;
    static final int LSE_STATE = 4;
    static final int GPU_NOT_LOADED = -1;

    static native void heed_cpu_logprob_forward(@Const Pointer logits, int dtype, long n, long v, long ld,
            @Cast("const int64_t*") Pointer targets, float invTemp,
            @Cast("float*") Pointer logp, @Cast("float*") Pointer entropy, @Cast("double*") Pointer lse, int threads);

    static native void heed_cpu_lse_chunk(@Const Pointer logits, int dtype, long n, long vc, long ld, long v0,
            @Cast("const int64_t*") Pointer targets, float invTemp, @Cast("double*") Pointer state, int first,
            int threads);

    static native void heed_cpu_lse_finish(long n, long v, @Cast("const int64_t*") Pointer targets,
            @Cast("const double*") Pointer state,
            @Cast("float*") Pointer logp, @Cast("float*") Pointer entropy, @Cast("double*") Pointer lse);

    static native void heed_cpu_logprob_backward(@Const Pointer logits, int dtype, long n, long vc, long ld, long v0,
            @Cast("const int64_t*") Pointer targets, float invTemp,
            @Cast("const double*") Pointer lse, @Cast("const float*") Pointer entropy,
            @Cast("const float*") Pointer gLogp, @Cast("const float*") Pointer gEntropy,
            Pointer dlogits, long ldOut, int threads);

    static native void heed_cpu_kl_forward(@Cast("const float*") Pointer logp, @Cast("const float*") Pointer ref,
            long n, int type, @Cast("float*") Pointer kl);

    static native void heed_cpu_kl_backward(@Cast("const float*") Pointer logp, @Cast("const float*") Pointer ref,
            long n, int type, @Cast("const float*") Pointer g, @Cast("float*") Pointer dlogp);

    static native void heed_cpu_policy_loss(@Cast("const float*") Pointer logp, @Cast("const float*") Pointer oldLogp,
            @Cast("const float*") Pointer advantages, int advPerToken, @Cast("const float*") Pointer mask,
            @Cast("const float*") Pointer refLogp, long b, long t, float clipLow, float clipHigh, float dualClip,
            float klCoef, int klType, int aggregation, @Cast("float*") Pointer dlogp, @Cast("float*") Pointer stats,
            int threads);

    static native void heed_cpu_group_advantages(@Cast("const float*") Pointer rewards, long groups, long n, float eps,
            int mode, @Cast("float*") Pointer out);

    // ---- one decode step (fp32)

    static native void heed_cpu_linear(@Cast("const float*") Pointer x, long m, long k, long ldx, @Cast("const float*") Pointer w,
            @Cast("const float*") Pointer bias, long n, @Cast("float*") Pointer y, long ldy, int accumulate, int threads);

    static native long heed_cpu_panels_size(long n, long k);

    static native void heed_cpu_pack_panels(@Cast("const float*") Pointer w, long n, long k, @Cast("float*") Pointer out, int threads);

    static native void heed_cpu_linear_panels(@Cast("const float*") Pointer x, long m, long k, long ldx,
            @Cast("const float*") Pointer packed, @Cast("const float*") Pointer bias, long n, @Cast("float*") Pointer y, long ldy,
            int accumulate, int threads);

    static native void heed_cpu_rmsnorm(@Cast("const float*") Pointer x, @Cast("const float*") Pointer w, long rows, long d,
            float eps, @Cast("float*") Pointer y, int threads);

    static native void heed_cpu_rope(@Cast("float*") Pointer q, long hq, @Cast("float*") Pointer k, long hkv, long m, long d,
            @Cast("const int64_t*") Pointer positions, @Cast("const float*") Pointer invFreq, int threads);

    static native void heed_cpu_decode_attention(@Cast("const float*") Pointer q, @Cast("const float*") Pointer k,
            @Cast("const float*") Pointer v, long m, long hq, long hkv, long d, @Cast("float*") Pointer keyCache,
            @Cast("float*") Pointer valueCache, long slots, @Cast("const int64_t*") Pointer rows,
            @Cast("const int64_t*") Pointer positions, float scale, @Cast("float*") Pointer out, int threads);

    static native void heed_cpu_silu_mul(@Cast("float*") Pointer gate, @Cast("const float*") Pointer up, long n, int threads);

    // ---- CUDA, through cuda_loader.cpp; each returns 0, a cudaError_t, or GPU_NOT_LOADED

    static native @Cast("const char*") BytePointer heed_gpu_open(String path);

    static native int heed_gpu_loaded();

    static native int heed_gpu_logprob_forward(@Const Pointer logits, int dtype, long n, long v, long ld,
            @Cast("const int64_t*") Pointer targets, float invTemp,
            @Cast("float*") Pointer logp, @Cast("float*") Pointer entropy, @Cast("double*") Pointer lse, Pointer stream);

    static native int heed_gpu_lse_chunk(@Const Pointer logits, int dtype, long n, long vc, long ld, long v0,
            @Cast("const int64_t*") Pointer targets, float invTemp, @Cast("double*") Pointer state, int first,
            Pointer stream);

    static native int heed_gpu_lse_finish(long n, long v, @Cast("const int64_t*") Pointer targets,
            @Cast("const double*") Pointer state,
            @Cast("float*") Pointer logp, @Cast("float*") Pointer entropy, @Cast("double*") Pointer lse, Pointer stream);

    static native int heed_gpu_logprob_backward(@Const Pointer logits, int dtype, long n, long vc, long ld, long v0,
            @Cast("const int64_t*") Pointer targets, float invTemp,
            @Cast("const double*") Pointer lse, @Cast("const float*") Pointer entropy,
            @Cast("const float*") Pointer gLogp, @Cast("const float*") Pointer gEntropy,
            Pointer dlogits, long ldOut, Pointer stream);

    static native int heed_gpu_kl_forward(@Cast("const float*") Pointer logp, @Cast("const float*") Pointer ref,
            long n, int type, @Cast("float*") Pointer kl, Pointer stream);

    static native int heed_gpu_kl_backward(@Cast("const float*") Pointer logp, @Cast("const float*") Pointer ref,
            long n, int type, @Cast("const float*") Pointer g, @Cast("float*") Pointer dlogp, Pointer stream);

    static native long heed_gpu_policy_loss_workspace(long b);

    static native int heed_gpu_policy_loss(@Cast("const float*") Pointer logp, @Cast("const float*") Pointer oldLogp,
            @Cast("const float*") Pointer advantages, int advPerToken, @Cast("const float*") Pointer mask,
            @Cast("const float*") Pointer refLogp, long b, long t, float clipLow, float clipHigh, float dualClip,
            float klCoef, int klType, int aggregation, @Cast("float*") Pointer dlogp, @Cast("float*") Pointer stats,
            @Cast("float*") Pointer workspace, Pointer stream);

    static native int heed_gpu_group_advantages(@Cast("const float*") Pointer rewards, long groups, long n, float eps,
            int mode, @Cast("float*") Pointer out, Pointer stream);
}
