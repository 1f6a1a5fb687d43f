package dev.heed.kernels;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * {@link LinearLogProb} inside an autograd graph: like {@link LogProbNode}, but the graph continues with
 * {@code backward([hidden, weight], [dhidden, dweight])}, computing only the gradients that are needed
 * (a frozen LM head costs no dweight GEMM).
 */
public final class LinearLogProbNode {
    private final Tensor hidden, weight, targets;
    private final double temperature;
    private final long chunkElements;
    private final LogProb.Result result;

    private LinearLogProbNode(Tensor hidden, Tensor weight, Tensor targets, double temperature, long chunkElements,
                              LogProb.Result result) {
        this.hidden = hidden;
        this.weight = weight;
        this.targets = targets;
        this.temperature = temperature;
        this.chunkElements = chunkElements;
        this.result = result;
    }

    public static LinearLogProbNode attach(Tensor hidden, Tensor weight, Tensor targets, double temperature,
                                           boolean withEntropy) {
        return attach(hidden, weight, targets, temperature, withEntropy, LinearLogProb.DEFAULT_CHUNK_ELEMENTS);
    }

    public static LinearLogProbNode attach(Tensor hidden, Tensor weight, Tensor targets, double temperature,
                                           boolean withEntropy, long chunkElements) {
        LogProb.Result r;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            r = LinearLogProb.forward(hidden, weight, targets, temperature, withEntropy, chunkElements);
        }
        r.logp().requires_grad_(true);
        if (r.entropy() != null) r.entropy().requires_grad_(true);
        return new LinearLogProbNode(hidden, weight, targets, temperature, chunkElements, r);
    }

    public Tensor logp() {
        return result.logp();
    }

    public Tensor entropy() {
        return result.entropy();
    }

    /** Continues the graph with the gradients autograd left on {@link #logp()} and {@link #entropy()}. */
    public void backward() {
        backward(LogProbNode.gradOf(result.logp()), result.entropy() == null ? null : LogProbNode.gradOf(result.entropy()));
    }

    /** Continues the graph with explicit gradients of logp and entropy (either may be null). */
    public void backward(Tensor gLogp, Tensor gEntropy) {
        boolean needHidden = hidden.requires_grad(), needWeight = weight.requires_grad();
        if ((!needHidden && !needWeight) || (gLogp == null && gEntropy == null)) return;
        LinearLogProb.Grads grads;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            grads = LinearLogProb.backward(hidden, weight, targets, temperature, result, gLogp, gEntropy,
                    needHidden, needWeight, chunkElements);
        }
        TensorVector roots = new TensorVector(), seeds = new TensorVector();
        if (needHidden) { roots.push_back(hidden); seeds.push_back(grads.dhidden()); }
        if (needWeight) { roots.push_back(weight); seeds.push_back(grads.dweight()); }
        torch.backward(roots, seeds, null, false, new TensorVector());
    }
}
