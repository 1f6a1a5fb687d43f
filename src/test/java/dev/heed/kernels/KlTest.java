package dev.heed.kernels;

import dev.heed.bench.EagerKernels;
import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.heed.kernels.KernelChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class KlTest {

    @ParameterizedTest
    @EnumSource(KlEstimator.class)
    void matchesEagerAndItsAutograd(KlEstimator type) {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(23 + type.ordinal());
            // Differences up to ±40 reach both of k3's clamps (±20 on the log-ratio, [−10, 10] on the value).
            Tensor logp = scalar(randn(DType.F32, 7, 301), 12).requires_grad_(true);
            Tensor ref = scalar(randn(DType.F32, 7, 301), 12);
            Tensor g = randn(DType.F32, 7, 301);
            Tensor expected = EagerKernels.kl(logp, ref, type);
            expected.mul(g).sum().backward();

            assertClose(Kl.forward(logp, ref, type), expected, 1e-5, type + " value");
            assertClose(Kl.backward(logp, ref, type, g), logp.grad(), 1e-5, type + " gradient");
        }
    }

    @ParameterizedTest
    @EnumSource(KlEstimator.class)
    void equalDistributionsHaveZeroKl(KlEstimator type) {
        try (PointerScope scope = new PointerScope()) {
            Tensor logp = randn(DType.F32, 5);
            assertArrayEquals(new float[5], Tensors.toFloats(Kl.forward(logp, logp, type)));
        }
    }

    @org.junit.jupiter.api.Test
    void k3IsClampedLikeVerl() {
        try (PointerScope scope = new PointerScope()) {
            Tensor logp = Tensors.floats(new float[] {0f, -30f, 0f}, 3), ref = Tensors.floats(new float[] {-30f, 0f, -2f}, 3);
            float[] k = Tensors.toFloats(Kl.forward(logp, ref, KlEstimator.K3));
            assertEquals(10f, k[0]);                                  // e^-20 + 19, capped at 10
            assertEquals(10f, k[1]);                                  // e^20 - 21, capped at 10
            assertEquals(Math.exp(-2) + 1, k[2], 1e-6);
            float[] d = Tensors.toFloats(Kl.backward(logp, ref, KlEstimator.K3, null));
            assertEquals(0f, d[0]);
            assertEquals(0f, d[1]);
            assertEquals(1 - Math.exp(-2), d[2], 1e-6);
        }
    }
}
