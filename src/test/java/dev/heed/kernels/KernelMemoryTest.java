package dev.heed.kernels;

import dev.heed.bench.EagerKernels;
import dev.heed.bench.PeakRss;
import dev.heed.tensor.DType;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.heed.kernels.KernelChecks.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Memory of the fused ops at Qwen's vocabulary, measured as the process's peak RSS above the inputs
 * ({@link PeakRss}): every touched allocation counts, whoever makes it.
 */
class KernelMemoryTest {
    private static final long V = 151_936;
    private static final double MB = 1 << 20;

    /** logprob forward + in-place backward at N = 4096 against log_softmax + gather + autograd backward. */
    @Test
    void logprobUsesAQuarterOfEagerMemoryOrLess() {
        long n = 4096, bytes = n * V * 4;
        assumeTrue(PeakRss.supported(), "needs /proc/self/clear_refs");
        assumeTrue(availableBytes() > 4 * bytes + (2L << 30), "needs ~12 GB of free memory");
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(29);
            Tensor logits = randn(DType.F32, n, V), targets = randint(V, n), g = randn(DType.F32, n);
            long eager;
            try (PointerScope inner = new PointerScope()) {
                Tensor leaf = logits.detach().requires_grad_(true);
                long base = PeakRss.reset();
                EagerKernels.logprob(leaf, targets, 1.0).mul(g).sum().backward();
                eager = PeakRss.extraSince(base);
            }
            long fused;
            try (PointerScope inner = new PointerScope()) {
                long base = PeakRss.reset();
                LogProb.Result r = LogProb.forward(logits, targets, 1.0, false);
                LogProb.backward(logits, targets, 1.0, r, g, null, true);
                fused = PeakRss.extraSince(base);
            }
            System.out.printf("logprob fwd+bwd N=%d V=%d fp32: fused %.1f MB, eager %.1f MB extra%n", n, V, fused / MB, eager / MB);
            assertTrue(eager >= bytes, "eager materializes at least one [N, V] tensor: " + eager / MB + " MB");
            assertTrue(4 * fused <= eager, "fused " + fused / MB + " MB vs eager " + eager / MB + " MB");
        }
    }

    /**
     * The proof that linearLogprob never allocates [N, V]: forward and backward (both gradients) stay far
     * below the size of one [N, V] fp32 tensor, which any materialization would have to touch.
     */
    @Test
    void linearLogprobNeverMaterializesTheLogits() {
        long n = 2048, h = 64, nv = n * V * 4;
        assumeTrue(PeakRss.supported(), "needs /proc/self/clear_refs");
        assumeTrue(availableBytes() > nv + (1L << 30), "needs ~2.5 GB of free memory");
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(31);
            Tensor hidden = randn(DType.F32, n, h), weight = scalar(randn(DType.F32, V, h), 0.1);
            Tensor targets = randint(V, n), g = randn(DType.F32, n);
            long extra;
            try (PointerScope inner = new PointerScope()) {
                long base = PeakRss.reset();
                LogProb.Result r = LinearLogProb.forward(hidden, weight, targets, 1.0, true);
                LinearLogProb.Grads grads = LinearLogProb.backward(hidden, weight, targets, 1.0, r, g, r.entropy(), true, true);
                extra = PeakRss.extraSince(base);
                assertFinite(grads.dweight(), "dweight");
            }
            long gradients = (V * h + n * h) * 4;     // dweight and dhidden are outputs
            System.out.printf("linearLogprob fwd+bwd N=%d H=%d V=%d fp32: %.1f MB extra ([N,V] is %.1f MB)%n",
                    n, h, V, extra / MB, nv / MB);
            assertTrue(extra < gradients + nv / 8, "extra " + extra / MB + " MB; one [N, V] tensor is " + nv / MB + " MB");
        }
    }

    private static long availableBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo")))
                if (line.startsWith("MemAvailable:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
    }
}
