package dev.heed.model;

import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Decoder#feed}: steps that mix whole prompts and single decode tokens, rows fed in any order and rows
 * sitting out. The fp32 CPU kernel path ({@link CpuDecode}) and the libtorch path ({@link PaddedFeed}, both its
 * one-padded-batch and its split strategy) are each checked against the cache-free full forward.
 */
class NativeDecodeTest {
    /** The second prompt is long enough (with the step's other tokens) for the kernels' prefill layout. */
    private static final long[][] PROMPTS = {{5, 17, 300}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
            {400, 12, 99, 256, 8}};
    /** Per step, the rows fed; a row's first step feeds its prompt, later steps one new token. */
    private static final int[][] SCHEDULE = {{0, 2}, {2, 1, 0}, {1}, {0, 1, 2}, {2, 0}};

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void kernelPathMatchesTheFullForward(ModelConfig.Architecture arch) {
        run(arch, true);
    }

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void libtorchPathMatchesTheFullForward(ModelConfig.Architecture arch) {
        run(arch, false);
    }

    private void run(ModelConfig.Architecture arch, boolean kernels) {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(arch, 11);
             NoGradGuard noGrad = new NoGradGuard(); KvCache cache = new KvCache(model.config(), 3, 32, Devices.cpu(), DType.F32)) {
            long[][] seqs = new long[3][0];
            double worst = 0;
            for (int step = 0; step < SCHEDULE.length; step++) {
                List<Integer> rows = new ArrayList<>();
                List<Long> tokens = new ArrayList<>();
                for (int r : SCHEDULE[step]) {
                    long[] add = seqs[r].length == 0 ? PROMPTS[r] : new long[] {20 + 37L * step + 101L * r};
                    for (long t : add) {
                        rows.add(r);
                        tokens.add(t);
                    }
                    seqs[r] = concat(seqs[r], add);
                }
                int[] rowArr = rows.stream().mapToInt(Integer::intValue).toArray();
                long[] tokArr = tokens.stream().mapToLong(Long::longValue).toArray();
                Tensor hidden = kernels ? model.feed(rowArr, tokArr, cache)
                        : PaddedFeed.forward(model, FeedPlan.of(rowArr, tokArr, cache), cache);
                Tensor logits = model.logits(hidden);
                assertEquals(tokArr.length, logits.size(0));
                int[] seen = new int[3];
                for (int i = 0; i < rowArr.length; i++) seen[rowArr[i]]++;
                int[] index = new int[3];
                for (int i = 0; i < rowArr.length; i++) {
                    int r = rowArr[i];
                    int pos = seqs[r].length - seen[r] + index[r]++;
                    Tensor full = model.forward(Tensors.longs(new long[][] {Arrays.copyOf(seqs[r], pos + 1)}, Devices.cpu()), null);
                    worst = Math.max(worst, maxDiff(full.select(0, 0).select(0, pos), logits.select(0, i)));
                }
                for (int r = 0; r < 3; r++) assertEquals(seqs[r].length, cache.length(r), "row " + r + " after step " + step);
            }
            assertTrue(worst <= 1e-5, arch + (kernels ? " kernels" : " libtorch") + ": max abs diff vs full forward " + worst);
        }
    }

    @Test
    void feedLogitsPicksTheRequestedTokensAndAOneRowViewFeedsItsRowOnly() {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(ModelConfig.Architecture.QWEN2, 12);
             NoGradGuard noGrad = new NoGradGuard(); KvCache cache = new KvCache(model.config(), 2, 10, Devices.cpu(), DType.F32)) {
            model.feed(new int[] {0, 0, 0}, PROMPTS[0], cache);
            Tensor got;
            try (KvCache row = cache.row(1)) {
                got = model.feedLogits(new int[] {0, 0, 0, 0, 0}, PROMPTS[2], row, new long[] {4, 1});
            }
            assertEquals(PROMPTS[0].length, cache.length(0));
            assertEquals(PROMPTS[2].length, cache.length(1));
            Tensor full = model.forward(Tensors.longs(new long[][] {PROMPTS[2]}, Devices.cpu()), null).select(0, 0);
            double d = Math.max(maxDiff(full.select(0, 4), got.select(0, 0)), maxDiff(full.select(0, 1), got.select(0, 1)));
            assertTrue(d <= 1e-5, "max abs diff " + d);
        }
    }

    @Test
    void aPrefillAfterAnOptimizerStepSeesTheUpdatedWeights() {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(ModelConfig.Architecture.LLAMA, 15);
             dev.heed.train.LanguageModelStep train = new dev.heed.train.LanguageModelStep(model, 1e-2, 0.0)) {
            int[] rows = new int[PROMPTS[1].length];
            try (NoGradGuard noGrad = new NoGradGuard(); KvCache before = new KvCache(model.config(), 1, 32, Devices.cpu(), DType.F32)) {
                model.feed(rows, PROMPTS[1], before); // the prefill layout is made from the initial weights
            }
            train.step(Tensors.longs(new long[][] {PROMPTS[1]}, Devices.cpu()), null);
            try (NoGradGuard noGrad = new NoGradGuard(); KvCache after = new KvCache(model.config(), 1, 32, Devices.cpu(), DType.F32)) {
                Tensor got = model.logits(model.feed(rows, PROMPTS[1], after));
                Tensor full = model.forward(Tensors.longs(new long[][] {PROMPTS[1]}, Devices.cpu()), null).select(0, 0);
                double d = maxDiff(full, got);
                assertTrue(d <= 1e-5, "after one AdamW step: max abs diff vs full forward " + d);
            }
        }
    }

    @Test
    void badFeedsAndAFullCacheAreRefusedWithoutChangingTheCache() {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(ModelConfig.Architecture.QWEN3, 14);
             NoGradGuard noGrad = new NoGradGuard(); KvCache cache = new KvCache(model.config(), 2, 4, Devices.cpu(), DType.F32)) {
            model.feed(new int[] {0, 0, 0}, new long[] {1, 2, 3}, cache);
            assertThrows(IllegalArgumentException.class, () -> model.feed(new int[] {1}, new long[] {5, 6}, cache));
            assertThrows(IllegalArgumentException.class, () -> model.feed(new int[0], new long[0], cache));
            assertThrows(IndexOutOfBoundsException.class, () -> model.feed(new int[] {2}, new long[] {5}, cache));
            IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> model.feed(new int[] {1, 0, 0}, new long[] {5, 6, 7}, cache));
            assertTrue(full.getMessage().contains("row 0 holds 3 + 2 slots, exceeding capacity 4"), full.getMessage());
            assertEquals(3, cache.length(0), "a refused step changes nothing");
            assertEquals(0, cache.length(1), "a refused step changes nothing");
        }
    }

    private static double maxDiff(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item_double();
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
