package dev.heed.kernels;

import dev.heed.kernels.DecodeKernels.Matrix;
import dev.heed.kernels.DecodeKernels.Placement;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each decode kernel against the libtorch composition it replaces, on random inputs of awkward sizes. */
class DecodeKernelsTest {
    private PointerScope scope;
    private NoGradGuard noGrad;
    private Generator gen;

    @BeforeEach
    void open() {
        scope = new PointerScope();
        noGrad = new NoGradGuard();
        gen = torch.createCPUGenerator(7);
    }

    @AfterEach
    void close() {
        noGrad.close();
        scope.close();
    }

    private Tensor randn(long... shape) {
        return torch.randn(shape, new GeneratorOptional(gen), Tensors.options(DType.F32, Devices.cpu()));
    }

    @Test
    void linearMatchesTorchLinearForEveryRowAndColumnTail() {
        // k covers whole 16-lane blocks, a remainder, and less than one block; m and n every tail of 4.
        for (long k : new long[] {64, 83, 5}) {
            for (long m = 1; m <= 9; m++) {
                for (long n : new long[] {1, 2, 3, 4, 13, 40}) {
                    Tensor x = randn(m, k), w = randn(n, k), bias = randn(n), y0 = randn(m, n);
                    Tensor plain = torch.empty(m, n), withBias = torch.empty(m, n), acc = y0.clone();
                    DecodeKernels.linear(Matrix.of(x), Matrix.of(w), null, Matrix.of(plain), false);
                    DecodeKernels.linear(Matrix.of(x), Matrix.of(w), Matrix.of(bias), Matrix.of(withBias), false);
                    DecodeKernels.linear(Matrix.of(x), Matrix.of(w), null, Matrix.of(acc), true);
                    String at = "m " + m + ", k " + k + ", n " + n;
                    assertClose(torch.linear(x, w), plain, 1e-5, "linear " + at);
                    assertClose(torch.linear(x, w, new TensorOptional(bias)), withBias, 1e-5, "linear + bias " + at);
                    assertClose(y0.add(torch.linear(x, w)), acc, 1e-5, "accumulating linear " + at);
                }
            }
        }
    }

    @Test
    void panelLinearMatchesTorchForTallInputsAndPanelTails() {
        // n with a partial last panel of 32, rows in and past one tile of 8, bias and accumulation.
        for (long n : new long[] {32, 45, 7}) {
            for (long m : new long[] {16, 17, 40}) {
                long k = 37;
                Tensor x = randn(m, k), w = randn(n, k), bias = randn(n), y0 = randn(m, n);
                try (DecodeKernels.Weight weight = new DecodeKernels.Weight(w)) {
                    Tensor plain = torch.empty(m, n), acc = y0.clone();
                    DecodeKernels.linear(Matrix.of(x), weight, Matrix.of(bias), Matrix.of(plain), false);
                    DecodeKernels.linear(Matrix.of(x), weight, null, Matrix.of(acc), true);
                    String at = "m " + m + ", n " + n;
                    assertClose(torch.linear(x, w, new TensorOptional(bias)), plain, 1e-5, "panel linear + bias " + at);
                    assertClose(y0.add(torch.linear(x, w)), acc, 1e-5, "accumulating panel linear " + at);
                }
            }
        }
    }

    @Test
    void aWeightUpdatedInPlaceIsNeverReadStale() {
        Tensor x = randn(20, 24), y = torch.empty(20, 10), inference;
        try (InferenceMode mode = new InferenceMode()) {
            inference = randn(10, 24); // an inference tensor keeps no version counter
        }
        for (Tensor w : new Tensor[] {randn(10, 24), inference}) {
            try (DecodeKernels.Weight weight = new DecodeKernels.Weight(w)) {
                DecodeKernels.linear(Matrix.of(x), weight, null, Matrix.of(y), false); // makes the panel copy
                try (InferenceMode mode = new InferenceMode()) {
                    w.mul_(new Scalar(-2.0));                                        // an optimizer-style in-place update
                }
                DecodeKernels.linear(Matrix.of(x), weight, null, Matrix.of(y), false);
                assertClose(torch.linear(x, w), y, 1e-5, "after an in-place update");
            }
        }
    }

    @Test
    void linearSplitOverThreadsMatchesOneThread() {
        int before = torch.get_num_threads();
        try {
            // Big enough to fork (native/cpu_decode.cpp: kParallelWork); 3 rows take the dot kernel, 20 the panels.
            for (long m : new long[] {3, 20}) {
                Tensor x = randn(m, 1024), w = randn(4100, 1024);
                Tensor one = torch.empty(m, 4100), two = torch.empty(m, 4100);
                try (DecodeKernels.Weight weight = new DecodeKernels.Weight(w)) {
                    torch.set_num_threads(1);
                    DecodeKernels.linear(Matrix.of(x), weight, null, Matrix.of(one), false);
                    torch.set_num_threads(2);
                    DecodeKernels.linear(Matrix.of(x), weight, null, Matrix.of(two), false);
                }
                assertTrue(one.equal(two), m + " rows: each output is one thread's sum whatever the split");
                assertClose(torch.linear(x, w), two, 1e-5, m + " rows, threaded linear");
            }
        } finally {
            torch.set_num_threads(before);
        }
    }

    @Test
    void rmsNormMatchesTorchAndWorksInPlace() {
        Tensor x = randn(5, 77), w = randn(77);
        Tensor ref = torch.rms_norm(x, new long[] {77}, new TensorOptional(w), new DoubleOptional(1e-6));
        Tensor y = torch.empty(5, 77);
        DecodeKernels.rmsNorm(Matrix.of(x), Matrix.of(w), 1e-6, Matrix.of(y));
        assertClose(ref, y, 1e-5, "rms norm");
        Tensor inPlace = x.clone();
        DecodeKernels.rmsNorm(Matrix.of(inPlace), Matrix.of(w), 1e-6, Matrix.of(inPlace));
        assertClose(ref, inPlace, 1e-5, "rms norm in place");
    }

    @Test
    void ropeMatchesRotateHalfWithTorchCosAndSin() {
        long m = 3, hq = 4, hkv = 2, d = 48;
        long[] positions = {0, 17, 4095};
        Tensor invFreq = torch.pow(new Scalar(10000.0), torch.arange(new Scalar(0), new Scalar(d), new Scalar(2)).div(new Scalar((double) d))).reciprocal();
        Tensor q = randn(m, hq * d), k = randn(m, hkv * d);
        Tensor angles = Tensors.longs(positions, Devices.cpu()).to(DType.F32.scalarType).unsqueeze(1).mul(invFreq); // [m, d/2]
        Tensor emb = torch.cat(new TensorVector(angles, angles), -1).unsqueeze(1);                                 // [m, 1, d]
        Tensor cos = emb.cos(), sin = emb.sin();
        Tensor qRef = rotate(q.view(m, hq, d), cos, sin).view(m, hq * d), kRef = rotate(k.view(m, hkv, d), cos, sin).view(m, hkv * d);
        DecodeKernels.rope(Matrix.of(q), hq, Matrix.of(k), hkv, Placement.of(new long[] {0, 1, 2}, positions), Matrix.of(invFreq));
        assertClose(qRef, q, 2e-5, "rope on queries");
        assertClose(kRef, k, 2e-5, "rope on keys");
    }

    private static Tensor rotate(Tensor x, Tensor cos, Tensor sin) {
        long half = x.size(-1) / 2;
        Tensor rotated = torch.cat(new TensorVector(x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)), -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    @Test
    void decodeAttentionWritesTheCacheAndMatchesSdpaWithGroupedHeads() {
        long cacheRows = 4, hq = 6, hkv = 2, d = 24, slots = 40;
        long[] rows = {2, 0, 3}, positions = {0, 17, 39};
        long m = rows.length;
        Tensor keys = randn(cacheRows, hkv, slots, d), values = randn(cacheRows, hkv, slots, d);
        Tensor keysBefore = keys.clone();
        Tensor q = randn(m, hq * d), k = randn(m, hkv * d), v = randn(m, hkv * d), out = torch.empty(m, hq * d);
        DecodeKernels.decodeAttention(Matrix.of(q), Matrix.of(k), Matrix.of(v), hq, hkv,
                Matrix.of(keys, cacheRows * hkv * slots, d), Matrix.of(values, cacheRows * hkv * slots, d),
                cacheRows, slots, Placement.of(rows, positions), Matrix.of(out));
        for (int i = 0; i < m; i++) {
            Tensor kr = keys.select(0, rows[i]), vr = values.select(0, rows[i]); // [hkv, slots, d]
            assertClose(k.select(0, i).view(hkv, d), kr.select(1, positions[i]), 0, "key written to row " + rows[i]);
            assertClose(v.select(0, i).view(hkv, d), vr.select(1, positions[i]), 0, "value written to row " + rows[i]);
            long len = positions[i] + 1;
            Tensor ref = torch.scaled_dot_product_attention(q.select(0, i).view(1, hq, 1, d),
                    kr.narrow(1, 0, len).unsqueeze(0), vr.narrow(1, 0, len).unsqueeze(0),
                    new TensorOptional(), 0.0, false, new DoubleOptional(), true);
            assertClose(ref.view(hq * d), out.select(0, i), 1e-5, "attention of row " + rows[i] + " at position " + positions[i]);
        }
        keysBefore.select(0, 2).select(1, 0).copy_(keys.select(0, 2).select(1, 0));
        keysBefore.select(0, 0).select(1, 17).copy_(keys.select(0, 0).select(1, 17));
        keysBefore.select(0, 3).select(1, 39).copy_(keys.select(0, 3).select(1, 39));
        assertTrue(keysBefore.equal(keys), "only the placed slots were written");
    }

    @Test
    void siluMulMatchesTorch() {
        Tensor g = randn(3, 1001).mul(new Scalar(4)), u = randn(3, 1001);
        Tensor ref = torch.silu(g).mul(u);
        DecodeKernels.siluMul(Matrix.of(g), Matrix.of(u));
        assertClose(ref, g, 1e-5, "silu(gate) * up");
    }

    @Test
    void wrongShapesAndTensorsAreRefusedBeforeAnyNativeCall() {
        Tensor x = randn(2, 8), w = randn(3, 8);
        assertThrows(IllegalArgumentException.class, () -> DecodeKernels.linear(Matrix.of(x), Matrix.of(w), null, Matrix.of(torch.empty(2, 4)), false));
        assertThrows(IllegalArgumentException.class, () -> DecodeKernels.linear(Matrix.of(x), Matrix.of(randn(3, 7)), null, Matrix.of(torch.empty(2, 3)), false));
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(x.t()));
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(x.to(DType.BF16.scalarType)));
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(x, 3, 5));
        Tensor cache = randn(1, 1, 4, 8);
        Matrix c = Matrix.of(cache, 4, 8), q = Matrix.of(randn(1, 8)), out = Matrix.of(torch.empty(1, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> DecodeKernels.decodeAttention(q, q, q, 1, 1, c, c, 1, 4,
                Placement.of(new long[] {0}, new long[] {4}), out), "a slot past the cache");
        assertThrows(IndexOutOfBoundsException.class, () -> DecodeKernels.decodeAttention(q, q, q, 1, 1, c, c, 1, 4,
                Placement.of(new long[] {1}, new long[] {0}), out), "a row past the cache");
    }

    /** max |expected - actual| <= tol * max(1, max |expected|): fp32 sums of many terms err relative to their size. */
    private static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        double diff = expected.sub(actual).abs().max().item_double();
        double scale = Math.max(1.0, expected.abs().max().item_double());
        assertTrue(diff <= tol * scale, what + ": max abs diff " + diff + " at magnitude " + scale);
    }
}
