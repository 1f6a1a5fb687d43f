package dev.heed.kernels;

import dev.heed.bench.EagerKernels;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.heed.kernels.KernelChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class LogProbTest {

    /** Forward and backward against log_softmax + gather (+ entropy) and its autograd, on fresh random inputs. */
    @ParameterizedTest(name = "[{0}, {1}] {2} T={3}")
    @CsvSource({
            "1, 7, F32, 1.0",
            "3, 2049, F32, 1.0",       // one past the kernel's block
            "33, 1000, F32, 0.7",
            "4, 151936, F32, 1.0",     // Qwen's vocabulary
            "17, 3001, BF16, 1.0",
            "2, 151936, BF16, 0.6",
    })
    void matchesEagerComposition(long n, long v, DType dtype, double temperature) {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(n * 1_000_003 + v);
            Tensor logits = scalar(randn(dtype, n, v), 3.0).requires_grad_(true);
            Tensor targets = randint(v, n);
            Tensor wl = randn(DType.F32, n), we = randn(DType.F32, n);

            Tensor refLogp = EagerKernels.logprob(logits, targets, temperature);
            Tensor refEntropy = EagerKernels.entropy(logits, temperature);
            refLogp.mul(wl).sum().add(refEntropy.mul(we).sum()).backward();
            Tensor refGrad = logits.grad().clone();

            LogProb.Result r = LogProb.forward(logits, targets, temperature, true);
            Tensor grad = LogProb.backward(logits, targets, temperature, r, wl, we, false);
            double fwdTol = dtype == DType.F32 ? 1e-5 : 1e-2;
            assertClose(r.logp(), refLogp, fwdTol, "logp");
            assertClose(r.entropy(), refEntropy, fwdTol, "entropy");
            assertClose(grad, refGrad, dtype == DType.F32 ? 1e-5 : 2e-2, "dlogits");
            assertEquals(logits.scalar_type().intern(), grad.scalar_type().intern());
        }
    }

    @Test
    void inPlaceBackwardEqualsOutOfPlace() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(7);
            Tensor logits = randn(DType.F32, 9, 4099), targets = randint(4099, 9), g = randn(DType.F32, 9);
            LogProb.Result r = LogProb.forward(logits, targets, 1.0, false);
            Tensor expected = LogProb.backward(logits, targets, 1.0, r, g, null, false);
            Tensor inPlace = LogProb.backward(logits, targets, 1.0, r, g, null, true);
            assertEquals(logits.data_ptr().address(), inPlace.data_ptr().address(), "written into the logits' buffer");
            assertClose(inPlace, expected, 0, "in-place dlogits");
        }
    }

    @Test
    void leadingDimensionsAndStridedRows() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(11);
            Tensor wide = randn(DType.F32, 6, 130);
            Tensor logits = wide.narrow(1, 0, 127);           // rows 130 apart: used without a copy
            Tensor targets = randint(127, 6);
            assertClose(LogProb.forward(logits, targets, 1.0, false).logp(),
                    EagerKernels.logprob(logits, targets, 1.0), 1e-5, "strided rows");
            Tensor batch = randn(DType.F32, 2, 3, 50), t3 = randint(50, 2, 3);
            LogProb.Result r = LogProb.forward(batch, t3, 1.0, true);
            assertArrayEquals(new long[] {2, 3}, Tensors.shape(r.logp()));
            assertClose(r.logp(), EagerKernels.logprob(batch, t3, 1.0), 1e-5, "[B, T, V] logits");
        }
    }

    @Test
    void ignoredTargetsHaveZeroLogpAndNoOneHot() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(3);
            Tensor logits = randn(DType.F32, 4, 300).requires_grad_(true);
            Tensor targets = Tensors.longs(new long[] {5, -100, 299, -1}, Devices.cpu());
            Tensor g = randn(DType.F32, 4);
            EagerKernels.logprob(logits, targets, 1.0).mul(g).sum().backward();
            LogProb.Result r = LogProb.forward(logits, targets, 1.0, false);
            assertEquals(0f, Tensors.toFloats(r.logp())[1]);
            assertClose(r.logp(), EagerKernels.logprob(logits, targets, 1.0), 1e-5, "logp");
            assertClose(LogProb.backward(logits, targets, 1.0, r, g, null, false), logits.grad(), 1e-5, "dlogits");
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(5);
            long n = 6, v = 5000;
            Tensor logits = randn(DType.F32, n, v);
            float[] x = Tensors.toFloats(logits);
            for (int r = 0; r < n; r++) {
                x[(int) (r * v + 10)] = 1e4f;
                x[(int) (r * v + 20)] = -1e4f;
                for (int j = 100; j < 4000; j += 3) x[(int) (r * v + j)] = Float.NEGATIVE_INFINITY;
            }
            x[(int) (2 * v + 11)] = 1e4f;                       // a tie at the top
            for (int j = 2048; j < 4096; j++) x[(int) (3 * v + j)] = Float.NEGATIVE_INFINITY;  // a whole -inf block
            logits = Tensors.floats(x, n, v).requires_grad_(true);
            Tensor targets = Tensors.longs(new long[] {10, 20, 11, 4500, 0, 4999}, Devices.cpu());
            Tensor wl = randn(DType.F32, n), we = randn(DType.F32, n);

            LogProb.Result r = LogProb.forward(logits, targets, 1.0, true);
            Tensor grad = LogProb.backward(logits, targets, 1.0, r, wl, we, false);
            assertFinite(r.logp(), "logp");
            assertFinite(r.entropy(), "entropy");
            assertFinite(grad, "dlogits");
            Tensor refLogp = EagerKernels.logprob(logits, targets, 1.0), refEntropy = EagerKernels.entropy(logits, 1.0);
            refLogp.mul(wl).sum().add(refEntropy.mul(we).sum()).backward();
            assertClose(r.logp(), refLogp, 1e-5, "logp");
            // Entropy of a near one-hot row is ~1e-4000: compare absolutely.
            assertTrue(r.entropy().sub(refEntropy).abs().max().item_float() < 1e-5, "entropy");
            assertClose(grad, logits.grad(), 1e-5, "dlogits");
        }
    }

    @Test
    void emptyBatch() {
        try (PointerScope scope = new PointerScope()) {
            Tensor logits = randn(DType.F32, 0, 10), targets = randint(10, 0);
            LogProb.Result r = LogProb.forward(logits, targets, 1.0, true);
            assertEquals(0, r.logp().numel());
            assertEquals(0, LogProb.backward(logits, targets, 1.0, r, r.logp(), null, false).numel());
        }
    }

    @Test
    void badArgumentsNameTheTensor() {
        try (PointerScope scope = new PointerScope()) {
            Tensor logits = randn(DType.F32, 2, 10);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> LogProb.forward(logits, randint(10, 3), 1.0, false));
            assertTrue(e.getMessage().contains("targets") && e.getMessage().contains("[2]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> LogProb.forward(logits, Tensors.longs(new long[] {1, 10}, Devices.cpu()), 1.0, false));
            assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> LogProb.forward(logits, randint(10, 2), 0.0, false));
            assertThrows(IllegalArgumentException.class,
                    () -> LogProb.forward(logits.to(torch.ScalarType.Double), randint(10, 2), 1.0, false));
        }
    }

    /** The model graph continues through logits.backward(dlogits): gradients reach the LM head's inputs. */
    @Test
    void nodeContinuesTheGraph() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(13);
            Tensor h = randn(DType.F32, 10, 16).requires_grad_(true), w = randn(DType.F32, 333, 16).requires_grad_(true);
            Tensor targets = randint(333, 10), adv = randn(DType.F32, 10);

            Tensor logits = h.mm(w.t());
            EagerKernels.logprob(logits, targets, 1.0).mul(adv).sum()
                    .sub(EagerKernels.entropy(logits, 1.0).mean().mul(new Scalar(0.01))).backward();
            Tensor refH = h.grad().clone(), refW = w.grad().clone();
            h.grad().zero_();
            w.grad().zero_();

            LogProbNode node = LogProbNode.attach(h.mm(w.t()), targets, 1.0, true);
            node.logp().mul(adv).sum().sub(node.entropy().mean().mul(new Scalar(0.01))).backward();
            node.backward(true);
            assertClose(h.grad(), refH, 1e-5, "dhidden");
            assertClose(w.grad(), refW, 1e-5, "dweight");
        }
    }
}
