package dev.heed.kernels;

import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparisons and random inputs shared by the kernel tests. */
final class KernelChecks {
    private KernelChecks() {}

    /** Normwise relative error: max |a − b| / max |b| (fp64, on the CPU). */
    static double relErr(Tensor actual, Tensor expected) {
        Tensor a = actual.detach().to(Devices.cpu(), torch.ScalarType.Double);
        Tensor b = expected.detach().to(Devices.cpu(), torch.ScalarType.Double);
        double scale = b.numel() == 0 ? 0 : b.abs().max().item_double();
        double diff = a.numel() == 0 ? 0 : a.sub(b).abs().max().item_double();
        return diff / Math.max(scale, 1e-30);
    }

    static void assertClose(Tensor actual, Tensor expected, double tol, String what) {
        assertTrue(java.util.Arrays.equals(Tensors.shape(actual), Tensors.shape(expected)),
                what + ": shape " + Tensors.shapeString(actual) + " vs " + Tensors.shapeString(expected));
        double err = relErr(actual, expected);
        assertTrue(err <= tol, what + ": relative error " + err + " > " + tol);
    }

    static void assertFinite(Tensor t, String what) {
        assertTrue(t.numel() == 0 || torch.isfinite(t.detach().to(torch.ScalarType.Float)).all().item_bool(),
                what + " has NaN or Inf");
    }

    static Tensor randn(DType dtype, long... shape) {
        return torch.randn(shape, Tensors.options(dtype, Devices.cpu()));
    }

    static Tensor randint(long high, long... shape) {
        return torch.randint(high, shape, Tensors.options(DType.I64, Devices.cpu()));
    }

    static Tensor scalar(Tensor t, double k) {
        return t.mul(new Scalar(k));
    }
}
