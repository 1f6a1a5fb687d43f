package dev.heed.model;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import dev.heed.tensor.TorchRuntime;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

import java.nio.file.Path;

/**
 * A Qwen2 / Qwen3 / Llama decoder-only transformer on libtorch, following the Hugging Face reference
 * definitions op for op: pre-norm blocks of RMSNorm, grouped-query attention with rotary embeddings
 * (Qwen3: RMSNorm on each q and k head first), SwiGLU MLP; final RMSNorm and LM head.
 *
 * <p>Entry points: a training forward over a padded batch ({@link #forward(Tensor, Tensor)}), an incremental
 * forward through a {@link KvCache} ({@link #forward(Tensor, Tensor, KvCache)}) — both take an input mask
 * [B, T] (1 = token, 0 = padding) so left and right padding work, positions counting real tokens only — and
 * the rollout's step, {@link #feed}, which places tokens on cache rows without padding. All methods create
 * tensors in the caller's PointerScope.
 */
public final class Decoder implements AutoCloseable {
    private final ModelConfig config;
    private final DecoderWeights weights;
    private final DType dtype;
    private final Device device;
    private final Rope rope;
    private final CpuDecode cpuDecode; // null unless the model is fp32 on the CPU

    public Decoder(DecoderWeights weights, Device device, DType dtype) {
        TorchRuntime.init();
        this.config = weights.config();
        this.weights = weights;
        this.dtype = dtype;
        this.device = device;
        try (PointerScope scope = new PointerScope()) {
            this.rope = new Rope(config, device);
        }
        this.cpuDecode = CpuDecode.forModel(weights, device, dtype, rope.invFreq());
    }

    /** Loads a Hugging Face model folder (config.json + safetensors) onto {@code device} in {@code dtype}. */
    public static Decoder load(Path dir, Device device, DType dtype) {
        ModelConfig config = ModelConfig.load(dir);
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            return new Decoder(DecoderWeights.load(ckpt, config, device, dtype), device, dtype);
        }
    }

    public ModelConfig config() { return config; }

    public DecoderWeights weights() { return weights; }

    public DType dtype() { return dtype; }

    public Device device() { return device; }

    /** Logits [B, T, V] for a padded batch; {@code mask} may be null (no padding). */
    public Tensor forward(Tensor ids, Tensor mask) {
        return logits(hidden(ids, mask));
    }

    /** Final normed hidden states [B, T, H] for a padded batch (the input to the LM head). */
    public Tensor hidden(Tensor ids, Tensor mask) {
        Tensor attn = null;
        Tensor pos;
        if (mask == null) {
            long t = ids.size(1);
            pos = torch.arange(new Scalar(t), Tensors.options(DType.I64, device)).unsqueeze(0).expand(ids.size(0), t);
        } else {
            pos = positions(mask);
            attn = paddedCausalMask(mask);
        }
        return run(ids, pos, attn, null, null);
    }

    /** Logits [B, T, V] for T new tokens per sequence, reading and extending {@code cache}. */
    public Tensor forward(Tensor ids, Tensor mask, KvCache cache) {
        return logits(hidden(ids, mask, cache));
    }

    /** Final normed hidden states [B, T, H] for T new tokens per sequence, reading and extending {@code cache}. */
    public Tensor hidden(Tensor ids, Tensor mask, KvCache cache) {
        if (mask == null) mask = torch.ones(new long[] {ids.size(0), ids.size(1)}, Tensors.options(DType.I64, device));
        KvCache.Step step = cache.plan(mask);
        Tensor out = run(ids, step.positions(), step.attentionMask(), cache, step);
        cache.commit(step);
        return out;
    }

    /**
     * Feeds tokens to rows of the cache in one step: {@code tokens[i]} goes to cache row {@code rows[i]}, a row's
     * tokens taking its next positions in the order given, so one call can decode one token in some rows while
     * prefilling whole prompts in others; rows not named sit the step out. Returns the final normed hidden
     * states [n, H], one per fed token. An fp32 model on the CPU runs Heed's own kernels over exactly the fed
     * tokens ({@link CpuDecode}); otherwise the libtorch path runs on padded batches ({@link PaddedFeed}).
     */
    public Tensor feed(int[] rows, long[] tokens, KvCache cache) {
        FeedPlan plan = FeedPlan.of(rows, tokens, cache);
        return cpuDecode != null ? cpuDecode.forward(plan, cache) : PaddedFeed.forward(this, plan, cache);
    }

    /** Logits [picks.length, V] of the fed tokens at indices {@code picks} of a {@link #feed} call. */
    public Tensor feedLogits(int[] rows, long[] tokens, KvCache cache, long[] picks) {
        Tensor h = feed(rows, tokens, cache);
        boolean all = picks.length == tokens.length;
        for (int i = 0; all && i < picks.length; i++) all = picks[i] == i;
        if (!all) h = h.index_select(0, Tensors.longs(picks, device));
        return cpuDecode != null ? cpuDecode.logits(h) : logits(h);
    }

    public Tensor logits(Tensor hidden) {
        return torch.linear(hidden, weights.lmHead());
    }

    /** Position of each token = number of real tokens before it (left padding starts real tokens at 0). */
    static Tensor positions(Tensor mask) {
        return mask.to(DType.I64.scalarType).cumsum(1).sub(new Scalar(1)).clamp_min(new Scalar(0));
    }

    /** [B, 1, T, T]: causal and key not padding; the diagonal stays open so padded queries have a finite row. */
    private Tensor paddedCausalMask(Tensor mask) {
        long t = mask.size(1);
        TensorOptions bool = new TensorOptions(torch.ScalarType.Bool).device(new DeviceOptional(device));
        Tensor causal = torch.ones(new long[] {t, t}, bool).tril();
        Tensor eye = torch.eye(t, bool);
        Tensor keys = mask.to(torch.ScalarType.Bool).unsqueeze(1); // [B, 1, T]
        return causal.unsqueeze(0).logical_and(keys).logical_or(eye.unsqueeze(0)).unsqueeze(1);
    }

    private Tensor run(Tensor ids, Tensor positions, Tensor attnMask, KvCache cache, KvCache.Step step) {
        Tensor x = torch.embedding(weights.get("model.embed_tokens.weight"), ids);
        Tensor[] cs = rope.cosSin(positions, dtype);
        for (int i = 0; i < config.numLayers(); i++) {
            Tensor h = rmsNorm(x, weights.get(WeightLayout.layer(i, "input_layernorm.weight")));
            x = x.add(attention(i, h, cs[0], cs[1], attnMask, cache, step));
            h = rmsNorm(x, weights.get(WeightLayout.layer(i, "post_attention_layernorm.weight")));
            x = x.add(mlp(i, h));
        }
        return rmsNorm(x, weights.get("model.norm.weight"));
    }

    private Tensor attention(int layer, Tensor h, Tensor cos, Tensor sin, Tensor attnMask, KvCache cache, KvCache.Step step) {
        long b = h.size(0), t = h.size(1), d = config.headDim();
        Tensor q = linear(h, layer, "self_attn.q_proj").view(b, t, config.numHeads(), d);
        Tensor k = linear(h, layer, "self_attn.k_proj").view(b, t, config.numKvHeads(), d);
        Tensor v = linear(h, layer, "self_attn.v_proj").view(b, t, config.numKvHeads(), d).transpose(1, 2);
        if (config.qkNorm()) {
            q = rmsNorm(q, weights.get(WeightLayout.layer(layer, "self_attn.q_norm.weight")));
            k = rmsNorm(k, weights.get(WeightLayout.layer(layer, "self_attn.k_norm.weight")));
        }
        q = Rope.apply(q.transpose(1, 2), cos, sin);
        k = Rope.apply(k.transpose(1, 2), cos, sin);
        if (cache != null) {
            Tensor[] kv = cache.append(layer, k, v, step);
            k = kv[0];
            v = kv[1];
        }
        boolean gqa = config.numKvHeads() != config.numHeads();
        Tensor out = attnMask == null
                ? torch.scaled_dot_product_attention(q, k, v, new TensorOptional(), 0.0, true, new DoubleOptional(), gqa)
                : torch.scaled_dot_product_attention(q, k, v, new TensorOptional(attnMask), 0.0, false, new DoubleOptional(), gqa);
        return linear(out.transpose(1, 2).reshape(b, t, config.qDim()), layer, "self_attn.o_proj");
    }

    private Tensor mlp(int layer, Tensor h) {
        Tensor gate = torch.silu(linear(h, layer, "mlp.gate_proj"));
        return linear(gate.mul(linear(h, layer, "mlp.up_proj")), layer, "mlp.down_proj");
    }

    private Tensor linear(Tensor x, int layer, String name) {
        Tensor w = weights.get(WeightLayout.layer(layer, name + ".weight"));
        String bias = WeightLayout.layer(layer, name + ".bias");
        return weights.named().containsKey(bias) ? torch.linear(x, w, new TensorOptional(weights.get(bias))) : torch.linear(x, w);
    }

    /** The reference RMSNorm: normalise in fp32, cast back to the activation dtype, then scale. */
    private Tensor rmsNorm(Tensor x, Tensor weight) {
        if (dtype == DType.F32)
            return torch.rms_norm(x, new long[] {x.size(-1)}, new TensorOptional(weight), new DoubleOptional(config.rmsNormEps()));
        Tensor xf = x.to(DType.F32.scalarType);
        Tensor inv = xf.pow(new Scalar(2)).mean(new long[] {-1}, true, null).add(new Scalar(config.rmsNormEps())).rsqrt();
        return weight.mul(xf.mul(inv).to(dtype.scalarType));
    }

    @Override
    public void close() {
        if (cpuDecode != null) cpuDecode.close();
        rope.close();
        weights.close();
    }
}
