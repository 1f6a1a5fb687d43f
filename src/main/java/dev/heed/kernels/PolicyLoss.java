package dev.heed.kernels;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The PPO clipped surrogate (verl's vanilla policy loss) with dual clip and an optional KL penalty to a
 * reference, aggregated over a masked [B, T] batch: the loss, its metrics and dlogp in one fused pass.
 * Feed {@link Result#dlogp()} to {@link LogProbNode#backward(Tensor, Tensor, boolean)}.
 */
public final class PolicyLoss {
    private PolicyLoss() {}

    /**
     * @param clipLow   ratio floor is 1 − clipLow
     * @param clipHigh  ratio ceiling is 1 + clipHigh (DAPO's clip-higher when larger than clipLow)
     * @param dualClip  for negative advantages, the loss is capped at −A·dualClip; ≤ 1 or NaN disables it
     * @param klCoef    weight of the KL penalty (0: none, and no reference log-probs needed)
     */
    public record Config(double clipLow, double clipHigh, double dualClip, double klCoef, KlEstimator klType,
                         Aggregation aggregation) {
        public Config {
            if (!(clipLow >= 0) || !(clipHigh >= 0))
                throw new IllegalArgumentException("clip ranges must be non-negative, got " + clipLow + " / " + clipHigh);
            if (!(klCoef >= 0)) throw new IllegalArgumentException("klCoef must be non-negative, got " + klCoef);
        }

        /** verl's defaults: clip 0.2, dual clip 3, no KL, token-mean. */
        public static Config defaults() {
            return new Config(0.2, 0.2, 3.0, 0.0, KlEstimator.K3, Aggregation.TOKEN_MEAN);
        }
    }

    public record Metrics(double loss, double pgLoss, double klLoss, double clipFraction, double clipFractionLower,
                          double approxKl, double tokens, double sequences) {}

    /** dlogp [B, T] = d loss / d logp; stats [8] on the device (loss first), read by {@link #metrics()}. */
    public record Result(Tensor dlogp, Tensor stats) {
        public Tensor loss() {
            return stats.select(0, 0);
        }

        public Metrics metrics() {
            float[] s = Tensors.toFloats(stats);
            return new Metrics(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
        }
    }

    /**
     * @param logp, oldLogp [B, T]; advantages [B, T] or [B] (one per sequence); mask [B, T] (any dtype, 0/1
     *        or weights); refLogp [B, T], or null when {@code klCoef} is 0
     */
    public static Result compute(Tensor logp, Tensor oldLogp, Tensor advantages, Tensor mask, Tensor refLogp,
                                 Config config) {
        if (logp.dim() != 2) throw new IllegalArgumentException("logp: expected [B, T], got " + Tensors.shapeString(logp));
        long b = logp.size(0), t = logp.size(1);
        Launch.requireShape(oldLogp, "oldLogp", b, t);
        Launch.requireShape(mask, "mask", b, t);
        boolean perToken = advantages.dim() == 2;
        if (perToken) Launch.requireShape(advantages, "advantages", b, t);
        else Launch.requireShape(advantages, "advantages", b);
        boolean withKl = config.klCoef() > 0;
        if (withKl && refLogp == null) throw new IllegalArgumentException("refLogp is required when klCoef > 0");
        if (withKl) Launch.requireShape(refLogp, "refLogp", b, t);
        for (Tensor x : new Tensor[] {oldLogp, advantages, mask, refLogp}) Launch.requireSameDevice(logp, x, "policy loss input");
        Tensor lp = Launch.f32(logp), old = Launch.f32(oldLogp), adv = Launch.f32(advantages), m = Launch.f32(mask);
        Tensor ref = withKl ? Launch.f32(refLogp) : null;
        Tensor dlogp = torch.empty_like(lp);
        Tensor stats = torch.zeros(new long[] {NativeKernels.STATS}, Tensors.options(DType.F32, logp.device()));
        float dual = Double.isNaN(config.dualClip()) ? 0f : (float) config.dualClip();
        float kl = withKl ? (float) config.klCoef() : 0f;
        if (Launch.cuda(lp)) {
            Tensor workspace = torch.empty(new long[] {NativeKernels.heed_gpu_policy_loss_workspace(b)},
                    Tensors.options(DType.F32, logp.device()), null);
            Launch.check(NativeKernels.heed_gpu_policy_loss(Launch.ptr(lp), Launch.ptr(old), Launch.ptr(adv), perToken ? 1 : 0,
                    Launch.ptr(m), Launch.ptr(ref), b, t, (float) config.clipLow(), (float) config.clipHigh(), dual, kl,
                    config.klType().code, config.aggregation().code, Launch.ptr(dlogp), Launch.ptr(stats),
                    Launch.ptr(workspace), Launch.stream(lp)), "policy loss");
        } else if (b * t > 0) {
            NativeKernels.heed_cpu_policy_loss(Launch.ptr(lp), Launch.ptr(old), Launch.ptr(adv), perToken ? 1 : 0,
                    Launch.ptr(m), Launch.ptr(ref), b, t, (float) config.clipLow(), (float) config.clipHigh(), dual, kl,
                    config.klType().code, config.aggregation().code, Launch.ptr(dlogp), Launch.ptr(stats), Launch.threads());
        }
        return new Result(dlogp, stats);
    }
}
