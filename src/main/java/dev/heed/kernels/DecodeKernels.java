package dev.heed.kernels;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The CPU kernels of one decode step (native/cpu_decode.cpp), fp32, writing in place into outputs the caller
 * allocates. Tensors are checked once when wrapped as a {@link Matrix}; the kernels then check shapes in
 * Java and make one native call each, so a layer of a small batch costs about ten cheap calls instead of
 * dozens of libtorch ops.
 */
public final class DecodeKernels {
    private DecodeKernels() {}

    /** A contiguous fp32 CPU tensor seen as a [rows, cols] matrix (the tensor is held so its memory stays alive). */
    public record Matrix(Tensor tensor, Pointer data, long rows, long cols) {
        public static Matrix of(Tensor t, long rows, long cols) {
            if (t.is_cuda()) throw new IllegalArgumentException("expected a CPU tensor");
            Launch.requireDType(t, DType.F32, "tensor");
            if (!t.is_contiguous()) throw new IllegalArgumentException("expected a contiguous tensor");
            if (t.numel() != rows * cols)
                throw new IllegalArgumentException("a tensor of " + t.numel() + " elements seen as [" + rows + ", " + cols + "]");
            return new Matrix(t, t.data_ptr(), rows, cols);
        }

        /** A 2-d tensor as itself, a 1-d tensor as one row. */
        public static Matrix of(Tensor t) {
            long dim = t.dim();
            if (dim == 1) return of(t, 1, t.size(0));
            if (dim == 2) return of(t, t.size(0), t.size(1));
            throw new IllegalArgumentException("expected a 1-d or 2-d tensor, got " + dim + "-d");
        }

        /** The same memory seen as [rows, cols]. */
        public Matrix view(long rows, long cols) {
            if (rows * cols != this.rows * this.cols)
                throw new IllegalArgumentException("[" + this.rows + ", " + this.cols + "] seen as [" + rows + ", " + cols + "]");
            return new Matrix(tensor, data, rows, cols);
        }

        long numel() {
            return rows * cols;
        }
    }

    /**
     * A weight [n, k] for {@link #linear(Matrix, Weight, Matrix, Matrix, boolean)}: read as itself for inputs of
     * a few rows, and through a copy in the panel layout of native/cpu_decode.cpp for inputs of
     * {@link #PANEL_FROM_ROWS} rows or more (prefills). The copy is made on the first such input and made again
     * whenever the weight has changed since (libtorch's version counter, bumped by every in-place update such as
     * an optimizer step), so it never serves stale weights. {@link #close()} frees it.
     */
    public static final class Weight implements AutoCloseable {
        private final Matrix rows;
        private Tensor panels;
        private Pointer panelData;
        private long packedVersion = -1;

        public Weight(Tensor w) {
            if (w.dim() != 2) throw new IllegalArgumentException("expected a 2-d weight, got " + w.dim() + "-d");
            rows = Matrix.of(w);
        }

        public Matrix rows() {
            return rows;
        }

        private Pointer panels() {
            long version = version(rows.tensor());
            if (version != packedVersion || version == UNVERSIONED) {
                if (panels == null) {
                    try (PointerScope scope = new PointerScope()) {
                        panels = Tensors.keep(torch.empty(NativeKernels.heed_cpu_panels_size(rows.rows(), rows.cols())));
                    }
                    panelData = panels.data_ptr();
                }
                NativeKernels.heed_cpu_pack_panels(rows.data(), rows.rows(), rows.cols(), panelData, Launch.threads());
                packedVersion = version;
            }
            return panelData;
        }

        private static final long UNVERSIONED = -2;

        /** libtorch's version counter; tensors made under InferenceMode have none, so their copy is remade every time. */
        private static long version(Tensor t) {
            try {
                return t.__dispatch__version();
            } catch (RuntimeException e) {
                return UNVERSIONED;
            }
        }

        @Override
        public void close() {
            if (panels != null) Tensors.release(panels);
            panels = null;
        }
    }

    /** Inputs with at least this many rows read a {@link Weight}'s panels. */
    static final long PANEL_FROM_ROWS = 16;

    /** {@code y (+)= x · wᵀ + bias} as {@link #linear(Matrix, Matrix, Matrix, Matrix, boolean)}, in the weight's layout for x's rows. */
    public static void linear(Matrix x, Weight w, Matrix bias, Matrix y, boolean accumulate) {
        if (x.rows() < PANEL_FROM_ROWS) {
            linear(x, w.rows(), bias, y, accumulate);
            return;
        }
        checkLinear(x, w.rows(), bias, y);
        long m = x.rows(), k = x.cols(), n = w.rows().rows();
        NativeKernels.heed_cpu_linear_panels(x.data(), m, k, k, w.panels(), bias == null ? null : bias.data(), n, y.data(), n,
                accumulate ? 1 : 0, Launch.threads());
    }

    /** Where each fed token of one decode step goes: its cache row and its position (also its cache slot). */
    public record Placement(long[] rows, long[] positions, LongPointer rowData, LongPointer positionData) {
        public static Placement of(long[] rows, long[] positions) {
            if (rows.length != positions.length)
                throw new IllegalArgumentException(rows.length + " rows but " + positions.length + " positions");
            return new Placement(rows.clone(), positions.clone(), new LongPointer(rows), new LongPointer(positions));
        }

        public int size() {
            return rows.length;
        }
    }

    /** Rows above which {@link #linear} hands over to libtorch's GEMM, whose cache blocking wins on tall inputs. */
    static final long KERNEL_MAX_ROWS = 128;

    /** {@code y (+)= x · wᵀ + bias}: x [m, k], w [n, k], bias with n elements or null, y [m, n]. */
    public static void linear(Matrix x, Matrix w, Matrix bias, Matrix y, boolean accumulate) {
        checkLinear(x, w, bias, y);
        long m = x.rows(), k = x.cols(), n = w.rows();
        if (m > KERNEL_MAX_ROWS) {
            Tensor xt = x.tensor().view(m, k), wt = w.tensor().view(n, k), yt = y.tensor().view(m, n);
            Tensor out = bias == null ? torch.linear(xt, wt) : torch.linear(xt, wt, new TensorOptional(bias.tensor().view(n)));
            if (accumulate) yt.add_(out);
            else yt.copy_(out);
            return;
        }
        NativeKernels.heed_cpu_linear(x.data(), m, k, k, w.data(), bias == null ? null : bias.data(), n, y.data(), n,
                accumulate ? 1 : 0, Launch.threads());
    }

    /** {@code y = x / sqrt(mean(x²) + eps) * w} over each row of x; w has x.cols elements; y may be x. */
    public static void rmsNorm(Matrix x, Matrix w, double eps, Matrix y) {
        if (w.numel() != x.cols()) throw new IllegalArgumentException("w: expected " + x.cols() + " elements, got " + w.numel());
        requireShape(y, "y", x.rows(), x.cols());
        NativeKernels.heed_cpu_rmsnorm(x.data(), w.data(), x.rows(), x.cols(), (float) eps, y.data(), Launch.threads());
    }

    /**
     * Rotary embedding in place on queries q [m, hq · d] and keys k [m, hkv · d], row r at the position the
     * placement gives it; invFreq has d / 2 elements.
     */
    public static void rope(Matrix q, long hq, Matrix k, long hkv, Placement at, Matrix invFreq) {
        long m = at.size(), d = 2 * invFreq.numel();
        requireShape(q, "q", m, hq * d);
        requireShape(k, "k", m, hkv * d);
        NativeKernels.heed_cpu_rope(q.data(), hq, k.data(), hkv, m, d, at.positionData(), invFreq.data(), Launch.threads());
    }

    /**
     * Writes k, v [m, hkv · d] into the slot each placement names in its cache row of keyCache / valueCache
     * (each [cacheRows · hkv · slots, d]), then attends every query head of q [m, hq · d] over its row's slots
     * up to and including that one, into out [m, hq · d], scaled by 1 / sqrt(d).
     */
    public static void decodeAttention(Matrix q, Matrix k, Matrix v, long hq, long hkv, Matrix keyCache, Matrix valueCache,
                                       long cacheRows, long slots, Placement at, Matrix out) {
        long m = at.size(), d = keyCache.cols();
        if (hkv < 1 || hq % hkv != 0) throw new IllegalArgumentException(hq + " query heads do not group over " + hkv + " kv heads");
        requireShape(keyCache, "keyCache", cacheRows * hkv * slots, d);
        requireShape(valueCache, "valueCache", cacheRows * hkv * slots, d);
        requireShape(q, "q", m, hq * d);
        requireShape(k, "k", m, hkv * d);
        requireShape(v, "v", m, hkv * d);
        requireShape(out, "out", m, hq * d);
        for (int i = 0; i < m; i++) {
            if (at.rows()[i] < 0 || at.rows()[i] >= cacheRows) throw new IndexOutOfBoundsException("cache row " + at.rows()[i] + " of " + cacheRows);
            if (at.positions()[i] < 0 || at.positions()[i] >= slots) throw new IndexOutOfBoundsException("slot " + at.positions()[i] + " of " + slots);
        }
        NativeKernels.heed_cpu_decode_attention(q.data(), k.data(), v.data(), m, hq, hkv, d, keyCache.data(), valueCache.data(),
                slots, at.rowData(), at.positionData(), (float) (1.0 / Math.sqrt(d)), out.data(), Launch.threads());
    }

    /** {@code gate = silu(gate) * up}. */
    public static void siluMul(Matrix gate, Matrix up) {
        requireShape(up, "up", gate.rows(), gate.cols());
        NativeKernels.heed_cpu_silu_mul(gate.data(), up.data(), gate.numel(), Launch.threads());
    }

    /** x [m, k], w [n, k], bias with n elements or null, y [m, n]. */
    private static void checkLinear(Matrix x, Matrix w, Matrix bias, Matrix y) {
        requireShape(w, "w", w.rows(), x.cols());
        if (bias != null && bias.numel() != w.rows())
            throw new IllegalArgumentException("bias: expected " + w.rows() + " elements, got " + bias.numel());
        requireShape(y, "y", x.rows(), w.rows());
    }

    private static void requireShape(Matrix t, String name, long rows, long cols) {
        if (t.rows() != rows || t.cols() != cols)
            throw new IllegalArgumentException(name + ": expected [" + rows + ", " + cols + "], got [" + t.rows() + ", " + t.cols() + "]");
    }
}
