package dev.heed.model;

import dev.heed.kernels.DecodeKernels;
import dev.heed.kernels.DecodeKernels.Matrix;
import dev.heed.kernels.DecodeKernels.Placement;
import dev.heed.kernels.DecodeKernels.Weight;
import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

import java.util.function.Function;

/**
 * The forward of an fp32 model on the CPU through Heed's own kernels ({@link DecodeKernels}) over exactly the
 * tokens fed in one step, whichever rows they belong to: every layer runs as about ten native calls on buffers
 * allocated once per step. Prefills read the projections through a panel copy that {@link Weight} makes, and
 * makes again after any in-place update of the weight (the LM head has none: it only ever sees a few rows).
 * It computes what {@link Decoder}'s libtorch path computes (that path is its reference in the tests); it
 * exists because at a few tokens per step libtorch's per-op cost and its matrix-vector products, not
 * arithmetic, set the speed, and because mixing prompts and decode tokens in one step needs no padding here.
 */
final class CpuDecode {
    /** One layer's weights; biases and q/k norms are null where the architecture has none. */
    private record Layer(Matrix inputNorm, Weight q, Matrix qBias, Weight k, Matrix kBias, Weight v, Matrix vBias,
                         Matrix qNorm, Matrix kNorm, Weight o, Matrix postNorm, Weight gate, Weight up, Weight down) {
        void close() {
            for (Weight w : new Weight[] {q, k, v, o, gate, up, down}) w.close();
        }
    }

    private final ModelConfig config;
    private final Layer[] layers;
    private final Tensor embed;
    private final Matrix finalNorm, lmHead, invFreq;

    private CpuDecode(DecoderWeights w, Tensor invFreq) {
        config = w.config();
        layers = new Layer[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            int l = i;
            Function<String, Matrix> get = name -> {
                Tensor t = w.named().get(WeightLayout.layer(l, name));
                return t == null ? null : Matrix.of(t);
            };
            Function<String, Weight> weight = name -> new Weight(w.get(WeightLayout.layer(l, name)));
            layers[i] = new Layer(get.apply("input_layernorm.weight"),
                    weight.apply("self_attn.q_proj.weight"), get.apply("self_attn.q_proj.bias"),
                    weight.apply("self_attn.k_proj.weight"), get.apply("self_attn.k_proj.bias"),
                    weight.apply("self_attn.v_proj.weight"), get.apply("self_attn.v_proj.bias"),
                    get.apply("self_attn.q_norm.weight"), get.apply("self_attn.k_norm.weight"),
                    weight.apply("self_attn.o_proj.weight"), get.apply("post_attention_layernorm.weight"),
                    weight.apply("mlp.gate_proj.weight"), weight.apply("mlp.up_proj.weight"), weight.apply("mlp.down_proj.weight"));
        }
        embed = w.get("model.embed_tokens.weight");
        finalNorm = Matrix.of(w.get("model.norm.weight"));
        lmHead = Matrix.of(w.lmHead());
        this.invFreq = Matrix.of(invFreq);
    }

    /** The kernel path for a model on the CPU in fp32 with contiguous weights; null when it does not apply. */
    static CpuDecode forModel(DecoderWeights w, Device device, DType dtype, Tensor invFreq) {
        if (!device.is_cpu() || dtype != DType.F32) return null;
        for (Tensor t : w.named().values()) if (!t.is_contiguous() || DType.of(t.scalar_type()) != DType.F32) return null;
        return new CpuDecode(w, invFreq);
    }

    /**
     * Final normed hidden states [n, H] of the plan's tokens. Every token is one row of the activations, so a
     * prompt being prefilled and other rows' single decode tokens share each weight read; attention writes all
     * new keys and values first, then each token attends over its row's slots up to its own position.
     */
    Tensor forward(FeedPlan plan, KvCache cache) {
        int m = plan.size();
        long[] rowIds = new long[m];
        for (int i = 0; i < m; i++) rowIds[i] = plan.rows()[i];
        Placement at = Placement.of(rowIds, plan.positions());
        long[] tokens = plan.tokens();
        int hq = config.numHeads(), hkv = config.numKvHeads(), d = config.headDim(), hidden = config.hiddenSize();
        Tensor residual = torch.embedding(embed, Tensors.longs(tokens, embed.device()));
        Matrix x = Matrix.of(residual), h = buffer(m, hidden), q = buffer(m, (long) hq * d), k = buffer(m, (long) hkv * d),
                v = buffer(m, (long) hkv * d), att = buffer(m, (long) hq * d),
                gate = buffer(m, config.intermediateSize()), up = buffer(m, config.intermediateSize());
        long cacheRows = cache.batchSize(), slots = cache.capacity() + 1;
        double eps = config.rmsNormEps();
        for (int i = 0; i < layers.length; i++) {
            Layer l = layers[i];
            DecodeKernels.rmsNorm(x, l.inputNorm(), eps, h);
            DecodeKernels.linear(h, l.q(), l.qBias(), q, false);
            DecodeKernels.linear(h, l.k(), l.kBias(), k, false);
            DecodeKernels.linear(h, l.v(), l.vBias(), v, false);
            if (l.qNorm() != null) {
                DecodeKernels.rmsNorm(q.view((long) m * hq, d), l.qNorm(), eps, q.view((long) m * hq, d));
                DecodeKernels.rmsNorm(k.view((long) m * hkv, d), l.kNorm(), eps, k.view((long) m * hkv, d));
            }
            DecodeKernels.rope(q, hq, k, hkv, at, invFreq);
            Matrix keys = Matrix.of(cache.keys(i), cacheRows * hkv * slots, d), values = Matrix.of(cache.values(i), cacheRows * hkv * slots, d);
            DecodeKernels.decodeAttention(q, k, v, hq, hkv, keys, values, cacheRows, slots, at, att);
            DecodeKernels.linear(att, l.o(), null, x, true);
            DecodeKernels.rmsNorm(x, l.postNorm(), eps, h);
            DecodeKernels.linear(h, l.gate(), null, gate, false);
            DecodeKernels.linear(h, l.up(), null, up, false);
            DecodeKernels.siluMul(gate, up);
            DecodeKernels.linear(gate, l.down(), null, x, true);
        }
        DecodeKernels.rmsNorm(x, finalNorm, eps, h);
        plan.commit(cache);
        return h.tensor();
    }

    /** Frees the projections' panel copies (the weights themselves belong to {@link DecoderWeights}). */
    void close() {
        for (Layer l : layers) l.close();
    }

    /** Logits [m, V] of final hidden states [m, H]. */
    Tensor logits(Tensor hidden) {
        Matrix out = buffer(hidden.size(0), lmHead.rows());
        DecodeKernels.linear(Matrix.of(hidden), lmHead, null, out, false);
        return out.tensor();
    }

    /** An uninitialised fp32 CPU buffer (libtorch's default dtype and device). */
    private static Matrix buffer(long rows, long cols) {
        return Matrix.of(torch.empty(rows, cols), rows, cols);
    }
}
