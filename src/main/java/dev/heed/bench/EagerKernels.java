package dev.heed.bench;

import dev.heed.kernels.Aggregation;
import dev.heed.kernels.KlEstimator;
import dev.heed.kernels.PolicyLoss;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The libtorch eager compositions that the fused kernels replace, written as verl writes them in
 * PyTorch: the reference of the kernel tests and the baseline of {@code heed bench kernels}.
 * All are differentiable through autograd.
 */
public final class EagerKernels {
    private EagerKernels() {}

    /** log_softmax(logits / T) gathered at the targets; negative targets give 0. */
    public static Tensor logprob(Tensor logits, Tensor targets, double temperature) {
        Tensor z = temperature == 1.0 ? logits : logits.div(s(temperature));
        Tensor valid = targets.ge(s(0));
        Tensor lp = z.log_softmax(-1).gather(-1, targets.clamp_min(new Scalar(0L)).unsqueeze(-1)).squeeze(-1);
        return lp.masked_fill(valid.logical_not(), s(0)).to(torch.ScalarType.Float);
    }

    /**
     * −Σ p log p of softmax(logits / T). log p is floored at −1e30 so that 0 · log 0 = 0 (−inf logits) and
     * its gradient stays finite; the floor fits bf16.
     */
    public static Tensor entropy(Tensor logits, double temperature) {
        Tensor z = temperature == 1.0 ? logits : logits.div(s(temperature));
        Tensor p = z.softmax(-1);
        Tensor logP = z.log_softmax(-1).clamp_min(s(-1e30));
        return p.mul(logP).sum(-1).neg().to(torch.ScalarType.Float);
    }

    public static Tensor kl(Tensor logp, Tensor ref, KlEstimator type) {
        switch (type) {
            case K1: return logp.sub(ref);
            case K2: return logp.sub(ref).square().mul(s(0.5));
            default:
                Tensor kl = ref.sub(logp).clamp(opt(-20), opt(20));
                return kl.exp().sub(kl).sub(s(1)).clamp(opt(-10), opt(10));
        }
    }

    /** The loss statistics in {@link PolicyLoss.Metrics} order: loss, pg, kl, clipfrac, clipfrac_lower, approx_kl. */
    public record Loss(Tensor loss, Tensor pgLoss, Tensor klLoss, Tensor clipFraction, Tensor clipFractionLower,
                       Tensor approxKl) {}

    /** verl's compute_policy_loss (vanilla, dual clip) + kl_loss, aggregated with agg_loss. */
    public static Loss policyLoss(Tensor logp, Tensor oldLogp, Tensor advantages, Tensor mask, Tensor refLogp,
                                  PolicyLoss.Config c) {
        Tensor m = mask.to(torch.ScalarType.Float);
        Tensor a = advantages.dim() == 1 ? advantages.unsqueeze(-1) : advantages;
        Tensor negApproxKl = logp.sub(oldLogp).clamp(opt(-20), opt(20));
        Tensor ratio = negApproxKl.exp();
        Tensor approxKl = maskedMean(negApproxKl.neg(), m);
        Tensor l1 = a.neg().mul(ratio);
        Tensor l2 = a.neg().mul(ratio.clamp(opt(1 - c.clipLow()), opt(1 + c.clipHigh())));
        Tensor clip1 = torch.maximum(l1, l2);
        Tensor clipFrac = maskedMean(l2.gt(l1).to(torch.ScalarType.Float), m);
        Tensor pg = clip1, lowerFrac = torch.zeros(new long[0]);
        if (c.dualClip() > 1) {
            Tensor l3 = a.neg().mul(s(c.dualClip()));
            Tensor clip2 = torch.minimum(l3, clip1);
            Tensor negative = a.lt(s(0));
            lowerFrac = maskedMean(clip1.gt(l3).logical_and(negative).to(torch.ScalarType.Float), m);
            pg = torch.where(negative, clip2, clip1);
        }
        Tensor pgLoss = aggregate(pg, m, c.aggregation());
        Tensor klLoss = torch.zeros(new long[0]), loss = pgLoss;
        if (c.klCoef() > 0) {
            klLoss = aggregate(kl(logp, refLogp, c.klType()), m, c.aggregation());
            loss = pgLoss.add(klLoss.mul(s(c.klCoef())));
        }
        return new Loss(loss, pgLoss, klLoss, clipFrac, lowerFrac, approxKl);
    }

    /** verl's agg_loss; the seq-mean modes average over sequences with at least one token. */
    public static Tensor aggregate(Tensor loss, Tensor mask, Aggregation mode) {
        Tensor masked = loss.mul(mask);
        switch (mode) {
            case TOKEN_MEAN: return masked.sum().div(mask.sum());
            case SEQ_MEAN_TOKEN_SUM_NORM: return masked.sum().div(s(loss.size(1)));
            default:
                Tensor tokens = mask.sum(-1);
                Tensor seq = masked.sum(-1);
                if (mode == Aggregation.SEQ_MEAN_TOKEN_MEAN) seq = seq.div(tokens.clamp_min(s(1e-30)));
                Tensor nonEmpty = tokens.gt(s(0)).to(torch.ScalarType.Float);
                return seq.mul(nonEmpty).sum().div(nonEmpty.sum());
        }
    }

    /** Group-relative advantages over rewards [G·n]; mode 0 GRPO, 1 Dr.GRPO, 2 RLOO (as in verl). */
    public static Tensor advantages(Tensor rewards, int n, double eps, int mode) {
        Tensor r = rewards.to(torch.ScalarType.Float).view(-1, n);
        if (n == 1) return mode == 0 ? r.div(s(1 + eps)).view(-1) : r.view(-1).clone();
        Tensor sum = r.sum(new long[] {1}, true, null);
        Tensor mean = sum.div(s(n));
        if (mode == 2) return r.mul(s(n)).sub(sum).div(s(n - 1)).view(-1);
        if (mode == 1) return r.sub(mean).view(-1);
        Tensor std = r.sub(mean).square().sum(new long[] {1}, true, null).div(s(n - 1)).sqrt();
        return r.sub(mean).div(std.add(s(eps))).view(-1);
    }

    private static Tensor maskedMean(Tensor x, Tensor mask) {
        return x.mul(mask).sum().div(mask.sum());
    }

    private static Scalar s(double v) {
        return new Scalar(v);
    }

    private static ScalarOptional opt(double v) {
        return new ScalarOptional(new Scalar(v));
    }
}
