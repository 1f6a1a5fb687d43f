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

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental decoding through the KV cache reproduces the full forward: prompts of different lengths,
 * left- or right-padded in one prefill, then one token per sequence per step, including a step where
 * one sequence sits out (mask 0) and must not advance its position.
 */
class KvCacheDecodingTest {
    private static final long[][] PROMPTS = {{5, 17, 300}, {1, 2, 3, 4, 5, 6, 7}, {400, 12, 99, 256, 8}};
    private static final long[][] CONTINUATIONS = {{9, 8, 7, 6, 5}, {100, 200, 300, 400, 500}, {33, 44, 55, 66, 77}};
    private static final int WIDTH = 7; // longest prompt
    private static final int SKIP_STEP = 2, SKIP_SEQ = 0; // sequence 0 sits out decode step 2

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void leftPaddedPrefillThenDecodeMatchesFullForward(ModelConfig.Architecture arch) {
        check(arch, true);
    }

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void rightPaddedPrefillThenDecodeMatchesFullForward(ModelConfig.Architecture arch) {
        check(arch, false);
    }

    private void check(ModelConfig.Architecture arch, boolean leftPad) {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(arch, 3);
             NoGradGuard noGrad = new NoGradGuard()) {
            int b = PROMPTS.length, steps = CONTINUATIONS[0].length;
            // Reference: each sequence alone, unpadded: prompt + continuation, logits per real token.
            float[][][] ref = new float[b][][];
            for (int s = 0; s < b; s++) ref[s] = rows(model.forward(Tensors.longs(new long[][] {concat(PROMPTS[s], CONTINUATIONS[s])}, Devices.cpu()), null).select(0, 0));

            long[][] ids = new long[b][WIDTH], mask = new long[b][WIDTH];
            for (int s = 0; s < b; s++) {
                int pad = WIDTH - PROMPTS[s].length, start = leftPad ? pad : 0;
                for (int i = 0; i < PROMPTS[s].length; i++) {
                    ids[s][start + i] = PROMPTS[s][i];
                    mask[s][start + i] = 1;
                }
            }
            double maxDiff = 0;
            try (KvCache cache = new KvCache(model.config(), b, WIDTH + steps + 1, Devices.cpu(), DType.F32)) {
                Tensor prefill = model.forward(Tensors.longs(ids, Devices.cpu()), Tensors.longs(mask, Devices.cpu()), cache);
                for (int s = 0; s < b; s++) {
                    float[][] got = rows(prefill.select(0, s));
                    int start = leftPad ? WIDTH - PROMPTS[s].length : 0;
                    for (int i = 0; i < PROMPTS[s].length; i++) maxDiff = Math.max(maxDiff, diff(ref[s][i], got[start + i]));
                }
                int[] fed = new int[b];
                for (int step = 0; step <= steps; step++) {
                    long[][] tok = new long[b][1], m = new long[b][1];
                    for (int s = 0; s < b; s++) {
                        boolean sitOut = step == SKIP_STEP && s == SKIP_SEQ || fed[s] == steps;
                        tok[s][0] = sitOut ? 0 : CONTINUATIONS[s][fed[s]];
                        m[s][0] = sitOut ? 0 : 1;
                    }
                    Tensor logits = model.forward(Tensors.longs(tok, Devices.cpu()), Tensors.longs(m, Devices.cpu()), cache);
                    for (int s = 0; s < b; s++) {
                        if (m[s][0] == 0) continue;
                        float[] got = rows(logits.select(0, s))[0];
                        maxDiff = Math.max(maxDiff, diff(ref[s][PROMPTS[s].length + fed[s]], got));
                        fed[s]++;
                    }
                }
                for (int s = 0; s < b; s++) assertEquals(steps, fed[s], "every continuation token was fed");
                long[] positions = Tensors.toLongs(cache.nextPositions());
                for (int s = 0; s < b; s++) assertEquals(PROMPTS[s].length + steps, positions[s], "position of sequence " + s);
            }
            assertTrue(maxDiff <= 1e-5, arch + (leftPad ? " left" : " right") + " padding: max abs diff " + maxDiff);
        }
    }

    @Test
    void aResetRowRefilledThroughItsViewDecodesLikeAFreshSequence() {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(ModelConfig.Architecture.QWEN3, 4);
             NoGradGuard noGrad = new NoGradGuard();
             KvCache cache = new KvCache(model.config(), 2, 12, Devices.cpu(), DType.F32)) {
            model.forward(Tensors.longs(new long[][] {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}}, Devices.cpu()), null, cache);
            cache.reset(1);
            long[] fresh = {300, 301, 302};
            try (KvCache row = cache.row(1)) {
                model.forward(Tensors.longs(new long[][] {fresh}, Devices.cpu()), null, row);
            }
            assertEquals(5, cache.length(0));
            assertEquals(3, cache.length(1));
            Tensor step = model.forward(Tensors.longs(new long[][] {{11}, {303}}, Devices.cpu()), null, cache);
            float[] ref0 = rows(model.forward(Tensors.longs(new long[][] {{1, 2, 3, 4, 5, 11}}, Devices.cpu()), null).select(0, 0))[5];
            float[] ref1 = rows(model.forward(Tensors.longs(new long[][] {{300, 301, 302, 303}}, Devices.cpu()), null).select(0, 0))[3];
            double d = Math.max(diff(ref0, rows(step.select(0, 0))[0]), diff(ref1, rows(step.select(0, 1))[0]));
            assertTrue(d <= 1e-5, "max abs diff " + d);
        }
    }

    @Test
    void overflowingTheCacheIsAnError() {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(ModelConfig.Architecture.QWEN2, 1);
             NoGradGuard noGrad = new NoGradGuard();
             KvCache cache = new KvCache(model.config(), 1, 4, Devices.cpu(), DType.F32)) {
            model.forward(Tensors.longs(new long[][] {{1, 2, 3}}, Devices.cpu()), null, cache);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model.forward(Tensors.longs(new long[][] {{4, 5}}, Devices.cpu()), null, cache));
            assertTrue(e.getMessage().contains("capacity 4"), e.getMessage());
        }
    }

    private static float[][] rows(Tensor logits2d) {
        int t = (int) logits2d.size(0), v = (int) logits2d.size(1);
        float[] flat = Tensors.toFloats(logits2d);
        float[][] out = new float[t][];
        for (int i = 0; i < t; i++) out[i] = Arrays.copyOfRange(flat, i * v, (i + 1) * v);
        return out;
    }

    private static double diff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
