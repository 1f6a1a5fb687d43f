package dev.heed.kernels;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Advantages of the n responses sampled per prompt, from rewards [B·n] laid out group by group (fp32 out).
 * A group of one has mean 0 (and std 1), as in verl.
 */
public final class GroupAdvantages {
    private GroupAdvantages() {}

    /** GRPO: (r − mean) / (std + eps) with the unbiased std; Dr.GRPO ({@code normalizeByStd = false}): r − mean. */
    public static Tensor compute(Tensor rewards, int n, double eps, boolean normalizeByStd) {
        return run(rewards, n, eps, normalizeByStd ? 0 : 1);
    }

    public static Tensor grpo(Tensor rewards, int n, double eps) {
        return run(rewards, n, eps, 0);
    }

    public static Tensor drGrpo(Tensor rewards, int n) {
        return run(rewards, n, 0, 1);
    }

    /** RLOO: r − mean of the other n − 1 rewards of the group. */
    public static Tensor rloo(Tensor rewards, int n) {
        return run(rewards, n, 0, 2);
    }

    private static Tensor run(Tensor rewards, int n, double eps, int mode) {
        if (rewards.dim() != 1) throw new IllegalArgumentException("rewards: expected [B·n], got " + dev.heed.tensor.Tensors.shapeString(rewards));
        if (n < 1 || rewards.size(0) % n != 0)
            throw new IllegalArgumentException("rewards: " + rewards.size(0) + " values do not split into groups of " + n);
        Tensor r = Launch.f32(rewards);
        Tensor out = torch.empty_like(r);
        long groups = r.size(0) / n;
        if (groups == 0) return out;
        if (Launch.cuda(r)) {
            Launch.check(NativeKernels.heed_gpu_group_advantages(Launch.ptr(r), groups, n, (float) eps, mode, Launch.ptr(out),
                    Launch.stream(r)), "group advantages");
        } else {
            NativeKernels.heed_cpu_group_advantages(Launch.ptr(r), groups, n, (float) eps, mode, Launch.ptr(out));
        }
        return out;
    }
}
