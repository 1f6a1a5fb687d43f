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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Decoder#decode}: the fp32 CPU kernel path against the libtorch cache path (two caches fed the same
 * tokens) and against the cache-free full forward, with rows fed in any order, rows sitting out and a
 * one-row view of the cache.
 */
class NativeDecodeTest {
    private static final long[][] PROMPTS = {{5, 17, 300}, {1, 2, 3, 4, 5, 6, 7}, {400, 12, 99, 256, 8}};

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void kernelDecodingMatchesTheLibtorchCachePathAndTheFullForward(ModelConfig.Architecture arch) {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(arch, 11);
             NoGradGuard noGrad = new NoGradGuard();
             KvCache kernel = new KvCache(model.config(), 3, 16, Devices.cpu(), DType.F32);
             KvCache reference = new KvCache(model.config(), 3, 16, Devices.cpu(), DType.F32)) {
            long[][] seqs = new long[3][];
            for (int r = 0; r < 3; r++) {
                seqs[r] = PROMPTS[r].clone();
                prefill(model, kernel, r, PROMPTS[r]);
                prefill(model, reference, r, PROMPTS[r]);
            }
            int[][] schedule = {{0, 1, 2}, {2, 0}, {1}, {1, 2, 0}, {0, 2}};
            double worstVsCachePath = 0, worstVsFull = 0;
            for (int step = 0; step < schedule.length; step++) {
                int[] rows = schedule[step];
                long[] tokens = new long[rows.length];
                for (int i = 0; i < rows.length; i++) tokens[i] = 20 + 37L * step + 101L * rows[i];
                Tensor got = model.decodeLogits(rows, tokens, kernel);
                assertEquals(rows.length, got.size(0));
                Tensor want = libtorchStep(model, reference, rows, tokens);
                worstVsCachePath = Math.max(worstVsCachePath, maxDiff(want, got));
                for (int i = 0; i < rows.length; i++) {
                    int r = rows[i];
                    seqs[r] = append(seqs[r], tokens[i]);
                    Tensor full = model.forward(Tensors.longs(new long[][] {seqs[r]}, Devices.cpu()), null).select(0, 0);
                    worstVsFull = Math.max(worstVsFull, maxDiff(full.select(0, seqs[r].length - 1), got.select(0, i)));
                    assertEquals(seqs[r].length, kernel.length(r), "row " + r + " advanced by one");
                }
            }
            assertTrue(worstVsCachePath <= 1e-5, arch + ": kernels vs libtorch cache path, max abs diff " + worstVsCachePath);
            assertTrue(worstVsFull <= 1e-5, arch + ": kernels vs full forward, max abs diff " + worstVsFull);
        }
    }

    @Test
    void aOneRowViewDecodesItsRowOnly() {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(ModelConfig.Architecture.QWEN2, 12);
             NoGradGuard noGrad = new NoGradGuard(); KvCache cache = new KvCache(model.config(), 2, 10, Devices.cpu(), DType.F32)) {
            prefill(model, cache, 0, PROMPTS[0]);
            prefill(model, cache, 1, PROMPTS[2]);
            Tensor got;
            try (KvCache row = cache.row(1)) {
                got = model.decodeLogits(new int[] {0}, new long[] {77}, row);
            }
            assertEquals(PROMPTS[0].length, cache.length(0));
            assertEquals(PROMPTS[2].length + 1, cache.length(1));
            Tensor full = model.forward(Tensors.longs(new long[][] {append(PROMPTS[2], 77)}, Devices.cpu()), null).select(0, 0);
            double d = maxDiff(full.select(0, PROMPTS[2].length), got.select(0, 0));
            assertTrue(d <= 1e-5, "max abs diff " + d);
        }
    }

    @Test
    void aBf16ModelDecodesThroughLibtorch() {
        ModelConfig config = TestModels.tinyConfig(ModelConfig.Architecture.LLAMA);
        try (PointerScope scope = new PointerScope();
             Decoder model = new Decoder(DecoderWeights.init(config, 13, Devices.cpu(), DType.BF16), Devices.cpu(), DType.BF16);
             NoGradGuard noGrad = new NoGradGuard();
             KvCache a = new KvCache(config, 2, 10, Devices.cpu(), DType.BF16);
             KvCache b = new KvCache(config, 2, 10, Devices.cpu(), DType.BF16)) {
            for (KvCache c : new KvCache[] {a, b}) {
                prefill(model, c, 0, PROMPTS[0]);
                prefill(model, c, 1, PROMPTS[1]);
            }
            Tensor got = model.decodeLogits(new int[] {1}, new long[] {42}, a);
            Tensor want = libtorchStep(model, b, new int[] {1}, new long[] {42});
            assertTrue(want.to(DType.F32.scalarType).equal(got.to(DType.F32.scalarType)), "same libtorch ops, same bits");
        }
    }

    @Test
    void badRowsAndAFullCacheAreRefused() {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(ModelConfig.Architecture.QWEN3, 14);
             NoGradGuard noGrad = new NoGradGuard(); KvCache cache = new KvCache(model.config(), 2, 4, Devices.cpu(), DType.F32)) {
            prefill(model, cache, 0, new long[] {1, 2, 3, 4});
            assertThrows(IllegalArgumentException.class, () -> model.decode(new int[] {1, 1}, new long[] {5, 6}, cache));
            assertThrows(IllegalArgumentException.class, () -> model.decode(new int[] {1}, new long[] {5, 6}, cache));
            assertThrows(IndexOutOfBoundsException.class, () -> model.decode(new int[] {2}, new long[] {5}, cache));
            IllegalStateException full = assertThrows(IllegalStateException.class, () -> model.decode(new int[] {0}, new long[] {5}, cache));
            assertTrue(full.getMessage().contains("capacity 4"), full.getMessage());
            assertEquals(4, cache.length(0), "a refused step changes nothing");
        }
    }

    private static void prefill(Decoder model, KvCache cache, int row, long[] prompt) {
        try (KvCache view = cache.row(row)) {
            model.forward(Tensors.longs(new long[][] {prompt}, Devices.cpu()), null, view);
        }
    }

    /** The same step through {@link Decoder#hidden(Tensor, Tensor, KvCache)}: one token per fed row, mask 0 elsewhere. */
    private static Tensor libtorchStep(Decoder model, KvCache cache, int[] rows, long[] tokens) {
        long[][] ids = new long[cache.batchSize()][1], mask = new long[cache.batchSize()][1];
        long[] picked = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ids[rows[i]][0] = tokens[i];
            mask[rows[i]][0] = 1;
            picked[i] = rows[i];
        }
        Tensor logits = model.forward(Tensors.longs(ids, Devices.cpu()), Tensors.longs(mask, Devices.cpu()), cache).squeeze(1);
        return logits.index_select(0, Tensors.longs(picked, Devices.cpu()));
    }

    private static double maxDiff(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item_double();
    }

    private static long[] append(long[] a, long x) {
        long[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = x;
        return out;
    }
}
