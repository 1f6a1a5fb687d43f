package dev.heed.rollout;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Draws one token per row from last-position logits [B, V] by inverse CDF: each row brings its own
 * uniform number, so a row's token depends only on its logits and its own random stream, never on the
 * other rows. Sampling runs on the logits' device; only B ids and B log-probs come back.
 */
final class TokenSampler {
    private TokenSampler() {}

    /** Per-row settings and uniforms in [0, 1); a row with temperature 0 is greedy. */
    record Rows(double[] temperature, int[] topK, double[] topP, double[] minP, double[] uniform) {}

    record Drawn(long[] tokens, float[] logprobs) {}

    static Drawn draw(Tensor logits, Rows rows) {
        int b = (int) logits.size(0);
        long v = logits.size(1);
        Device device = logits.device();
        Tensor x = logits.to(DType.F32.scalarType);
        double[] invT = new double[b];
        boolean anyGreedy = false, anySampled = false, anyTruncated = false;
        for (int r = 0; r < b; r++) {
            boolean greedy = rows.temperature()[r] == 0;
            anyGreedy |= greedy;
            anySampled |= !greedy;
            anyTruncated |= !greedy && (rows.topK()[r] > 0 || rows.topP()[r] < 1 || rows.minP()[r] > 0);
            invT[r] = greedy ? 1.0 : 1.0 / rows.temperature()[r];
        }
        // Behaviour log-probs: the full tempered distribution (see Sample).
        boolean untempered = java.util.Arrays.stream(invT).allMatch(t -> t == 1.0);
        Tensor logp = torch.log_softmax(untempered ? x : x.mul(column(invT, device)), 1);
        Tensor tokens;
        if (!anySampled) {
            tokens = x.argmax(new LongOptional(1), true);
        } else {
            tokens = anyTruncated ? truncatedDraw(logp, rows, v, device) : plainDraw(logp, rows.uniform(), v, device);
            if (anyGreedy) {
                long[] g = new long[b];
                for (int r = 0; r < b; r++) g[r] = rows.temperature()[r] == 0 ? 1 : 0;
                Tensor greedyRows = Tensors.longs(g, device).unsqueeze(1).ne(new Scalar(0));
                tokens = torch.where(greedyRows, x.argmax(new LongOptional(1), true), tokens);
            }
        }
        Tensor chosen = logp.gather(1, tokens);
        // One copy to the host for ids and log-probs together (fp64 holds both exactly).
        double[] both = Tensors.toDoubles(torch.cat(new TensorVector(tokens.to(torch.ScalarType.Double), chosen.to(torch.ScalarType.Double)), 1));
        long[] ids = new long[b];
        float[] logprobs = new float[b];
        for (int r = 0; r < b; r++) {
            ids[r] = (long) both[2 * r];
            logprobs[r] = (float) both[2 * r + 1];
        }
        return new Drawn(ids, logprobs);
    }

    /** First index whose cumulative probability exceeds u. */
    private static Tensor plainDraw(Tensor logp, double[] uniform, long v, Device device) {
        Tensor cdf = logp.exp().cumsum(1);
        Tensor below = cdf.lt(column(uniform, device)).sum(new long[] {1}, true, null);
        return below.clamp_max(new Scalar(v - 1));
    }

    /** Sorts by probability, drops what top-k / top-p / min-p exclude, renormalises the rest and draws from it. */
    private static Tensor truncatedDraw(Tensor logp, Rows rows, long v, Device device) {
        int b = (int) logp.size(0);
        T_TensorTensor_T sorted = logp.sort(1, true);
        Tensor p = sorted.get0().exp();
        Tensor order = sorted.get1();
        double[] k = new double[b], topP = new double[b], minP = new double[b];
        for (int r = 0; r < b; r++) {
            boolean greedy = rows.temperature()[r] == 0;
            k[r] = greedy || rows.topK()[r] == 0 ? v : rows.topK()[r];
            topP[r] = greedy ? 1.0 : rows.topP()[r];
            minP[r] = greedy ? 0.0 : rows.minP()[r];
        }
        Tensor rank = torch.arange(new Scalar(v), Tensors.options(DType.F32, device)).unsqueeze(0);
        Tensor keep = rank.lt(column(k, device))
                .logical_and(p.cumsum(1).sub(p).lt(column(topP, device)))       // mass before this token < top_p
                .logical_and(p.ge(p.narrow(1, 0, 1).mul(column(minP, device))));  // p >= min_p * p_max
        keep = keep.logical_or(rank.eq(new Scalar(0)));                          // the top token always stays
        Tensor kept = p.mul(keep.to(DType.F32.scalarType));
        Tensor cdf = kept.cumsum(1).div(kept.sum(new long[] {1}, true, null));
        Tensor last = keep.sum(new long[] {1}, true, null).sub(new Scalar(1));
        Tensor j = torch.minimum(cdf.lt(column(rows.uniform(), device)).sum(new long[] {1}, true, null), last);
        return order.gather(1, j);
    }

    private static Tensor column(double[] values, Device device) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        Tensor t = Tensors.floats(f, f.length, 1);
        return device.is_cpu() ? t : t.to(device, DType.F32.scalarType);
    }
}
