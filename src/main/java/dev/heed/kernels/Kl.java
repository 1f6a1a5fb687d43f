package dev.heed.kernels;

import dev.heed.tensor.DType;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Per-token KL estimators between log-probs and reference log-probs, and their gradient in logp (fp32). */
public final class Kl {
    private Kl() {}

    public static Tensor forward(Tensor logp, Tensor refLogp, KlEstimator type) {
        Tensor lp = Launch.f32(logp), ref = checkRef(lp, refLogp);
        Tensor out = torch.empty_like(lp);
        long n = lp.numel();
        if (n == 0) return out;
        if (Launch.cuda(lp)) {
            Launch.check(NativeKernels.heed_gpu_kl_forward(Launch.ptr(lp), Launch.ptr(ref), n, type.code, Launch.ptr(out),
                    Launch.stream(lp)), "kl forward");
        } else {
            NativeKernels.heed_cpu_kl_forward(Launch.ptr(lp), Launch.ptr(ref), n, type.code, Launch.ptr(out));
        }
        return out;
    }

    /** g · d kl / d logp; g may be null (ones). */
    public static Tensor backward(Tensor logp, Tensor refLogp, KlEstimator type, Tensor g) {
        Tensor lp = Launch.f32(logp), ref = checkRef(lp, refLogp);
        Tensor gg = null;
        if (g != null) {
            Launch.requireShape(g, "g", dev.heed.tensor.Tensors.shape(lp));
            Launch.requireSameDevice(lp, g, "g");
            gg = Launch.f32(g);
        }
        Tensor out = torch.empty_like(lp);
        long n = lp.numel();
        if (n == 0) return out;
        if (Launch.cuda(lp)) {
            Launch.check(NativeKernels.heed_gpu_kl_backward(Launch.ptr(lp), Launch.ptr(ref), n, type.code, Launch.ptr(gg),
                    Launch.ptr(out), Launch.stream(lp)), "kl backward");
        } else {
            NativeKernels.heed_cpu_kl_backward(Launch.ptr(lp), Launch.ptr(ref), n, type.code, Launch.ptr(gg), Launch.ptr(out));
        }
        return out;
    }

    private static Tensor checkRef(Tensor lp, Tensor refLogp) {
        Launch.requireShape(refLogp, "refLogp", dev.heed.tensor.Tensors.shape(lp));
        Launch.requireSameDevice(lp, refLogp, "refLogp");
        if (DType.of(refLogp.scalar_type()) == DType.I64) throw new IllegalArgumentException("refLogp: expected a floating dtype");
        return Launch.f32(refLogp);
    }
}
