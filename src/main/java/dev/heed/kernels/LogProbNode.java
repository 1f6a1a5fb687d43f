package dev.heed.kernels;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * {@link LogProb} inside an autograd graph (DESIGN.md §5): the fused forward runs under no-grad, its small
 * outputs become leaves that require grad, the cheap rest of the loss runs through autograd, and
 * {@link #backward} turns the leaves' gradients into dlogits and continues with
 * {@code logits.backward(dlogits)}. No [N, V] probabilities are stored in between.
 *
 * <pre>{@code
 * LogProbNode node = LogProbNode.attach(logits, targets, 1.0, true);
 * Tensor loss = lossOf(node.logp(), node.entropy());
 * loss.backward();
 * node.backward(true);   // in place: the logits' buffer becomes their gradient
 * }</pre>
 */
public final class LogProbNode {
    private final Tensor logits, targets;
    private final double temperature;
    private final LogProb.Result result;

    private LogProbNode(Tensor logits, Tensor targets, double temperature, LogProb.Result result) {
        this.logits = logits;
        this.targets = targets;
        this.temperature = temperature;
        this.result = result;
    }

    public static LogProbNode attach(Tensor logits, Tensor targets, double temperature, boolean withEntropy) {
        LogProb.Result r;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            r = LogProb.forward(logits, targets, temperature, withEntropy);
        }
        r.logp().requires_grad_(true);
        if (r.entropy() != null) r.entropy().requires_grad_(true);
        return new LogProbNode(logits, targets, temperature, r);
    }

    /** Log-probabilities of the targets: a leaf that requires grad. */
    public Tensor logp() {
        return result.logp();
    }

    /** Entropy per row (a leaf that requires grad), or null if not asked for. */
    public Tensor entropy() {
        return result.entropy();
    }

    public Tensor lse() {
        return result.lse();
    }

    /** Continues the graph with the gradients autograd left on {@link #logp()} and {@link #entropy()}. */
    public void backward(boolean inPlace) {
        backward(gradOf(result.logp()), result.entropy() == null ? null : gradOf(result.entropy()), inPlace);
    }

    /** Continues the graph with explicit gradients (e.g. dlogp from {@link PolicyLoss}); either may be null. */
    public void backward(Tensor gLogp, Tensor gEntropy, boolean inPlace) {
        if (!logits.requires_grad() || (gLogp == null && gEntropy == null)) return;
        Tensor dlogits;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            dlogits = LogProb.backward(logits, targets, temperature, result, gLogp, gEntropy, inPlace);
        }
        logits.backward(dlogits, null, false, null);
    }

    static Tensor gradOf(Tensor leaf) {
        Tensor g = leaf.grad();
        return g == null || g.isNull() || !g.defined() ? null : g;
    }
}
