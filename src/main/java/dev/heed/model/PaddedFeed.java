package dev.heed.model;

import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * {@link Decoder#feed} through the libtorch path ({@link Decoder#hidden(Tensor, Tensor, KvCache)}), which takes
 * padded [B, W] batches over every row of the cache. When padding would cost more than the tokens themselves
 * (a few long prompts among rows decoding one token), the one-token rows go together and each longer row goes
 * alone through a one-row view of the cache.
 */
final class PaddedFeed {
    private PaddedFeed() {}

    /** Final normed hidden states [n, H], one per fed token in plan order; the cache's lengths advance. */
    static Tensor forward(Decoder model, FeedPlan plan, KvCache cache) {
        int b = cache.batchSize();
        if ((long) b * plan.width() <= 2L * plan.size()) return place(model, plan, cache, -1, null, null);
        boolean[] single = new boolean[b];
        boolean anySingle = false;
        for (int r = 0; r < b; r++) anySingle |= single[r] = plan.counts()[r] == 1;
        Tensor out = null;
        if (anySingle) out = place(model, plan, cache, -1, single, null);
        for (int r = 0; r < b; r++) {
            if (plan.counts()[r] < 2) continue;
            try (KvCache view = cache.row(r)) {
                out = place(model, plan, view, r, null, out);
            }
        }
        return out;
    }

    /**
     * Runs the tokens of the rows selected by {@code only} (every row when null) through one forward on {@code cache}
     * (right padded, rows not selected sit out) and
     * writes their hidden states into {@code out} [n, H] at their plan indices (a new tensor when null). With
     * {@code viewRow} >= 0, the cache is that row's one-row view and only that row's tokens are selected.
     */
    private static Tensor place(Decoder model, FeedPlan plan, KvCache cache, int viewRow, boolean[] only, Tensor out) {
        int rows = cache.batchSize(), width = 0;
        int[] column = new int[rows];
        int n = plan.size(), picked = 0;
        boolean[] take = new boolean[n];
        for (int i = 0; i < n; i++) {
            int r = plan.rows()[i];
            take[i] = viewRow >= 0 ? r == viewRow : only == null || only[r];
            if (!take[i]) continue;
            picked++;
            width = Math.max(width, ++column[viewRow >= 0 ? 0 : r]);
        }
        long[][] ids = new long[rows][width], mask = new long[rows][width];
        long[] flat = new long[picked], at = new long[picked];
        java.util.Arrays.fill(column, 0);
        for (int i = 0, j = 0; i < n; i++) {
            if (!take[i]) continue;
            int r = viewRow >= 0 ? 0 : plan.rows()[i], c = column[r]++;
            ids[r][c] = plan.tokens()[i];
            mask[r][c] = 1;
            flat[j] = (long) r * width + c;
            at[j++] = i;
        }
        Device device = model.device();
        Tensor h = model.hidden(Tensors.longs(ids, device), Tensors.longs(mask, device), cache);
        Tensor mine = h.reshape(rows * (long) width, h.size(2)).index_select(0, Tensors.longs(flat, device));
        if (picked == n) return mine;
        if (out == null) out = torch.zeros(new long[] {n, h.size(2)}, Tensors.options(model.dtype(), device));
        return out.index_copy_(0, Tensors.longs(at, device), mine);
    }
}
