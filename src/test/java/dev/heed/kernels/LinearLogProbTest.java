package dev.heed.kernels;

import dev.heed.bench.EagerKernels;
import dev.heed.tensor.DType;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.heed.kernels.KernelChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class LinearLogProbTest {

    /** Against logits = hidden · weightᵀ followed by the eager log-prob and entropy, and their autograd. */
    @ParameterizedTest(name = "N={0} H={1} V={2} {3} T={4} chunk={5}")
    @CsvSource({
            "5, 8, 37, F32, 1.0, 64",          // many chunks, the last one partial
            "13, 24, 1001, F32, 0.7, 4000",
            "3, 16, 151936, F32, 1.0, 8388608", // Qwen's vocabulary
            "9, 32, 515, BF16, 1.0, 700",
    })
    void matchesEagerComposition(long n, long h, long v, DType dtype, double temperature, long chunk) {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(n * 7919 + v);
            Tensor hidden = randn(dtype, n, h).requires_grad_(true);
            Tensor weight = scalar(randn(dtype, v, h), 0.5).requires_grad_(true);
            Tensor targets = randint(v, n);
            Tensor wl = randn(DType.F32, n), we = randn(DType.F32, n);

            Tensor logits = hidden.mm(weight.t());
            Tensor refLogp = EagerKernels.logprob(logits, targets, temperature);
            Tensor refEntropy = EagerKernels.entropy(logits, temperature);
            refLogp.mul(wl).sum().add(refEntropy.mul(we).sum()).backward();

            LogProb.Result r = LinearLogProb.forward(hidden, weight, targets, temperature, true, chunk);
            LinearLogProb.Grads g = LinearLogProb.backward(hidden, weight, targets, temperature, r, wl, we, true, true, chunk);
            double tol = dtype == DType.F32 ? 1e-5 : 1e-2;
            assertClose(r.logp(), refLogp, tol, "logp");
            assertClose(r.entropy(), refEntropy, tol, "entropy");
            assertClose(g.dhidden(), hidden.grad(), dtype == DType.F32 ? 1e-5 : 3e-2, "dhidden");
            assertClose(g.dweight(), weight.grad(), dtype == DType.F32 ? 1e-5 : 3e-2, "dweight");
        }
    }

    @Test
    void nodeContinuesIntoHiddenAndWeight() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(17);
            Tensor x = randn(DType.F32, 2, 6, 12).requires_grad_(true);
            Tensor proj = randn(DType.F32, 12, 12).requires_grad_(true);
            Tensor weight = randn(DType.F32, 300, 12).requires_grad_(true);
            Tensor targets = randint(300, 2, 6), adv = randn(DType.F32, 2, 6);

            EagerKernels.logprob(x.matmul(proj).matmul(weight.t()), targets, 1.0).mul(adv).sum().backward();
            Tensor refX = x.grad().clone(), refProj = proj.grad().clone(), refW = weight.grad().clone();
            for (Tensor t : new Tensor[] {x, proj, weight}) t.grad().zero_();

            LinearLogProbNode node = LinearLogProbNode.attach(x.matmul(proj), weight, targets, 1.0, false, 100);
            node.logp().mul(adv).sum().backward();
            node.backward();
            assertClose(x.grad(), refX, 1e-5, "d input");
            assertClose(proj.grad(), refProj, 1e-5, "d projection");
            assertClose(weight.grad(), refW, 1e-5, "d LM head");
        }
    }

    @Test
    void frozenHeadGetsNoGradient() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(19);
            Tensor hidden = randn(DType.F32, 4, 8).requires_grad_(true), weight = randn(DType.F32, 50, 8);
            Tensor targets = randint(50, 4);
            LinearLogProbNode node = LinearLogProbNode.attach(hidden, weight, targets, 1.0, false);
            node.logp().sum().backward();
            node.backward();
            assertFalse(weight.grad().defined());
            Tensor h2 = hidden.detach().clone().requires_grad_(true);
            EagerKernels.logprob(h2.mm(weight.t()), targets, 1.0).sum().backward();
            assertClose(hidden.grad(), h2.grad(), 1e-5, "dhidden");
        }
    }

    @Test
    void badShapesNameTheTensor() {
        try (PointerScope scope = new PointerScope()) {
            Tensor hidden = randn(DType.F32, 4, 8);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> LinearLogProb.forward(hidden, randn(DType.F32, 50, 7), randint(50, 4), 1.0, false));
            assertTrue(e.getMessage().startsWith("weight"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> LinearLogProb.forward(hidden, randn(DType.BF16, 50, 8), randint(50, 4), 1.0, false));
        }
    }
}
