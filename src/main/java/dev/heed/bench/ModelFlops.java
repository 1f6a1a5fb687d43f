package dev.heed.bench;

import dev.heed.model.ModelConfig;

/**
 * Model FLOPs per token, counted as PaLM does for MFU (Chowdhery et al. 2022, appendix B), so the
 * numbers compare with published ones:
 * <ul>
 *   <li>every weight of a matmul costs 2 FLOPs (multiply + add) per token in the forward pass. The
 *       matmul weights are q/k/v/o and gate/up/down in each layer plus the LM head ([V, H], counted
 *       whether or not it is tied to the embedding); the embedding lookup, norms and biases are not
 *       matmuls and do not count;</li>
 *   <li>attention adds QK^T and AV: each query position meets {@code seq} keys over {@code qDim}
 *       channels in each of the two products, 2·2·layers·seq·qDim per token. The causal mask is
 *       <em>not</em> halved (PaLM's convention): the causal CPU attention kernel skips most masked
 *       blocks, so this term overstates the work done by up to half of itself;</li>
 *   <li>a training step is 3× the forward (the backward computes gradients for both the inputs and the
 *       weights of every matmul). The optimizer's element-wise update is not counted.</li>
 * </ul>
 */
public final class ModelFlops {
    private ModelFlops() {}

    /** Weights that take part in a matmul: per layer q, k, v, o, gate, up, down; plus the LM head. */
    public static long matmulParams(ModelConfig c) {
        long h = c.hiddenSize();
        long attention = h * c.qDim() + 2 * h * c.kvDim() + (long) c.qDim() * h;
        long mlp = 3 * h * c.intermediateSize();
        return c.numLayers() * (attention + mlp) + (long) c.vocabSize() * h;
    }

    /** Forward FLOPs per token at sequence length {@code seq}: 2·N_matmul + 4·layers·seq·qDim. */
    public static double forwardPerToken(ModelConfig c, int seq) {
        return 2.0 * matmulParams(c) + 4.0 * c.numLayers() * seq * c.qDim();
    }

    /** Forward + backward FLOPs per token: 3 × forward. */
    public static double trainStepPerToken(ModelConfig c, int seq) {
        return 3.0 * forwardPerToken(c, seq);
    }
}
