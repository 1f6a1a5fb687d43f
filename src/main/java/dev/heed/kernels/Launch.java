package dev.heed.kernels;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * What every op needs before calling a kernel: argument checks that name the tensor, the dtype code, raw
 * pointers, the CPU thread count, and on CUDA the current stream and the library's return code.
 */
final class Launch {
    private Launch() {}

    static boolean cuda(Tensor t) {
        return t.is_cuda();
    }

    /** libtorch's intra-op thread count, so the kernels use the same OpenMP pool size. */
    static int threads() {
        return Math.max(1, torch.get_num_threads());
    }

    static Pointer ptr(Tensor t) {
        return t == null ? null : t.data_ptr();
    }

    static int dtypeCode(Tensor t, String name) {
        DType d = DType.of(t.scalar_type());
        if (d == DType.F32) return NativeKernels.F32;
        if (d == DType.BF16) return NativeKernels.BF16;
        throw new IllegalArgumentException(name + ": dtype " + d.torchName + " is not supported (float32 or bfloat16)");
    }

    static void requireDType(Tensor t, DType expected, String name) {
        DType d = DType.of(t.scalar_type());
        if (d != expected)
            throw new IllegalArgumentException(name + ": expected dtype " + expected.torchName + ", got " + d.torchName);
    }

    static void requireShape(Tensor t, String name, long... shape) {
        long[] actual = Tensors.shape(t);
        if (!java.util.Arrays.equals(actual, shape))
            throw new IllegalArgumentException(name + ": expected shape " + java.util.Arrays.toString(shape)
                    + ", got " + java.util.Arrays.toString(actual));
    }

    static void requireSameDevice(Tensor reference, Tensor t, String name) {
        if (t != null && (t.is_cuda() != reference.is_cuda() || t.device().index() != reference.device().index()))
            throw new IllegalArgumentException(name + ": on device " + t.device().str().getString()
                    + ", expected " + reference.device().str().getString());
    }

    /** A contiguous fp32 view or copy (small per-token inputs: masks, advantages, log-probs). */
    static Tensor f32(Tensor t) {
        Tensor c = DType.of(t.scalar_type()) == DType.F32 ? t : t.to(DType.F32.scalarType);
        return c.is_contiguous() ? c : c.contiguous();
    }

    static Tensor contiguous(Tensor t) {
        return t.is_contiguous() ? t : t.contiguous();
    }

    static void check(int rc, String op) {
        if (rc == NativeKernels.GPU_NOT_LOADED) throw new IllegalStateException(op + ": the CUDA kernels are not loaded");
        if (rc != 0) throw new IllegalStateException(op + ": CUDA error " + rc);
    }

    /** The current CUDA stream of the tensor's device (after making sure the CUDA kernels are loaded). */
    static Pointer stream(Tensor t) {
        CudaLibrary.require();
        return CudaLibrary.currentStream(t.device().index());
    }
}
