package dev.heed.model;

import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;

import java.util.HashMap;
import java.util.Map;

/**
 * A second, deliberately naive implementation of the Hugging Face decoder semantics in scalar double
 * arithmetic, written from the reference definitions (not from {@link Decoder}): one unpadded sequence,
 * positions 0..T-1. Tests compare the libtorch decoder against it.
 */
final class ReferenceDecoder {
    private final ModelConfig c;
    private final Map<String, float[]> w = new HashMap<>();

    ReferenceDecoder(DecoderWeights weights) {
        this.c = weights.config();
        try (PointerScope scope = new PointerScope()) {
            weights.named().forEach((name, t) -> w.put(name, Tensors.toFloats(t.detach())));
        }
    }

    /** Logits [T][V]. */
    double[][] logits(long[] ids) {
        int T = ids.length, H = c.hiddenSize();
        double[][] x = new double[T][];
        float[] emb = w.get("model.embed_tokens.weight");
        for (int t = 0; t < T; t++) {
            x[t] = new double[H];
            for (int j = 0; j < H; j++) x[t][j] = emb[(int) ids[t] * H + j];
        }
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            double[][] h = new double[T][];
            for (int t = 0; t < T; t++) h[t] = rms(x[t], w.get(p + "input_layernorm.weight"));
            double[][] a = attention(p, h);
            for (int t = 0; t < T; t++) add(x[t], a[t]);
            for (int t = 0; t < T; t++) {
                double[] hn = rms(x[t], w.get(p + "post_attention_layernorm.weight"));
                double[] gate = matvec(p + "mlp.gate_proj", hn), up = matvec(p + "mlp.up_proj", hn);
                double[] act = new double[gate.length];
                for (int i = 0; i < act.length; i++) act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                add(x[t], matvec(p + "mlp.down_proj", act));
            }
        }
        String head = w.containsKey("lm_head.weight") ? "lm_head" : "model.embed_tokens";
        double[][] out = new double[T][];
        for (int t = 0; t < T; t++) out[t] = matvec(head, rms(x[t], w.get("model.norm.weight")));
        return out;
    }

    private double[][] attention(String p, double[][] h) {
        int T = h.length, D = c.headDim(), nH = c.numHeads(), nKv = c.numKvHeads();
        double[][][] q = new double[T][][], k = new double[T][][], v = new double[T][][];
        for (int t = 0; t < T; t++) {
            q[t] = heads(matvec(p + "self_attn.q_proj", h[t]), nH, D);
            k[t] = heads(matvec(p + "self_attn.k_proj", h[t]), nKv, D);
            v[t] = heads(matvec(p + "self_attn.v_proj", h[t]), nKv, D);
            for (int i = 0; i < nH; i++) {
                if (c.qkNorm()) q[t][i] = rms(q[t][i], w.get(p + "self_attn.q_norm.weight"));
                q[t][i] = rotate(q[t][i], t);
            }
            for (int i = 0; i < nKv; i++) {
                if (c.qkNorm()) k[t][i] = rms(k[t][i], w.get(p + "self_attn.k_norm.weight"));
                k[t][i] = rotate(k[t][i], t);
            }
        }
        double[][] out = new double[T][];
        for (int t = 0; t < T; t++) {
            double[] o = new double[nH * D];
            for (int i = 0; i < nH; i++) {
                int kv = i / (nH / nKv);
                double[] s = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int u = 0; u <= t; u++) {
                    double dot = 0;
                    for (int d = 0; d < D; d++) dot += q[t][i][d] * k[u][kv][d];
                    s[u] = dot / Math.sqrt(D);
                    max = Math.max(max, s[u]);
                }
                double z = 0;
                for (int u = 0; u <= t; u++) z += (s[u] = Math.exp(s[u] - max));
                for (int u = 0; u <= t; u++)
                    for (int d = 0; d < D; d++) o[i * D + d] += s[u] / z * v[u][kv][d];
            }
            out[t] = matvec(p + "self_attn.o_proj", o);
        }
        return out;
    }

    /** Rotate-half RoPE at position {@code pos}, with Llama 3 frequency scaling when configured. */
    private double[] rotate(double[] x, int pos) {
        int D = x.length, half = D / 2;
        double[] out = new double[D];
        for (int i = 0; i < half; i++) {
            double inv = 1.0 / Math.pow(c.ropeTheta(), (2.0 * i) / D);
            ModelConfig.Llama3RopeScaling s = c.ropeScaling();
            if (s != null) {
                double wavelen = 2 * Math.PI / inv;
                double lowWavelen = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
                double highWavelen = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
                if (wavelen > lowWavelen) inv = inv / s.factor();
                else if (wavelen >= highWavelen) {
                    double smooth = (s.originalMaxPositionEmbeddings() / wavelen - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
                    inv = (1 - smooth) * inv / s.factor() + smooth * inv;
                }
            }
            double cos = Math.cos(pos * inv), sin = Math.sin(pos * inv);
            out[i] = x[i] * cos - x[i + half] * sin;
            out[i + half] = x[i + half] * cos + x[i] * sin;
        }
        return out;
    }

    private double[] rms(double[] x, float[] weight) {
        double ss = 0;
        for (double v : x) ss += v * v;
        double inv = 1 / Math.sqrt(ss / x.length + c.rmsNormEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = weight[i] * x[i] * inv;
        return out;
    }

    private double[] matvec(String name, double[] x) {
        float[] m = w.get(name + ".weight");
        float[] b = w.get(name + ".bias");
        int rows = m.length / x.length;
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double acc = b == null ? 0 : b[r];
            for (int j = 0; j < x.length; j++) acc += m[r * x.length + j] * x[j];
            out[r] = acc;
        }
        return out;
    }

    private static double[][] heads(double[] x, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) System.arraycopy(x, i * d, out[i], 0, d);
        return out;
    }

    private static void add(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) x[i] += y[i];
    }
}
