package dev.heed.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Every tensor of a decoder checkpoint under its Hugging Face name, with its shape and how it is
 * initialised. The one place that knows the checkpoint's naming scheme.
 */
public final class WeightLayout {
    private WeightLayout() {}

    public enum Init { NORMAL, ZERO, ONE }

    public record Spec(String name, long[] shape, Init init) {
        public long numel() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }

    public static String layer(int i, String suffix) {
        return "model.layers." + i + "." + suffix;
    }

    public static List<Spec> of(ModelConfig c) {
        List<Spec> out = new ArrayList<>();
        long h = c.hiddenSize(), inter = c.intermediateSize();
        out.add(new Spec("model.embed_tokens.weight", new long[] {c.vocabSize(), h}, Init.NORMAL));
        for (int i = 0; i < c.numLayers(); i++) {
            out.add(new Spec(layer(i, "input_layernorm.weight"), new long[] {h}, Init.ONE));
            linear(out, layer(i, "self_attn.q_proj"), c.qDim(), h, c.attentionBias());
            linear(out, layer(i, "self_attn.k_proj"), c.kvDim(), h, c.attentionBias());
            linear(out, layer(i, "self_attn.v_proj"), c.kvDim(), h, c.attentionBias());
            // Qwen2's output projection never has a bias; Llama's and Qwen3's follow attention_bias.
            linear(out, layer(i, "self_attn.o_proj"), h, c.qDim(), c.attentionBias() && c.arch() != ModelConfig.Architecture.QWEN2);
            if (c.qkNorm()) {
                out.add(new Spec(layer(i, "self_attn.q_norm.weight"), new long[] {c.headDim()}, Init.ONE));
                out.add(new Spec(layer(i, "self_attn.k_norm.weight"), new long[] {c.headDim()}, Init.ONE));
            }
            out.add(new Spec(layer(i, "post_attention_layernorm.weight"), new long[] {h}, Init.ONE));
            linear(out, layer(i, "mlp.gate_proj"), inter, h, c.mlpBias());
            linear(out, layer(i, "mlp.up_proj"), inter, h, c.mlpBias());
            linear(out, layer(i, "mlp.down_proj"), h, inter, c.mlpBias());
        }
        out.add(new Spec("model.norm.weight", new long[] {h}, Init.ONE));
        if (!c.tieWordEmbeddings()) out.add(new Spec("lm_head.weight", new long[] {c.vocabSize(), h}, Init.NORMAL));
        return out;
    }

    public static long parameterCount(ModelConfig c) {
        return of(c).stream().mapToLong(Spec::numel).sum();
    }

    private static void linear(List<Spec> out, String prefix, long outDim, long inDim, boolean bias) {
        out.add(new Spec(prefix + ".weight", new long[] {outDim, inDim}, Init.NORMAL));
        if (bias) out.add(new Spec(prefix + ".bias", new long[] {outDim}, Init.ZERO));
    }
}
