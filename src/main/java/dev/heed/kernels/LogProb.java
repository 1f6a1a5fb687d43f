package dev.heed.kernels;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Log-probabilities of the targets under softmax(logits / temperature), with the entropy, in one read of
 * the logits (an online log-sum-exp); and the gradient into the logits in one more read and one write,
 * optionally into the logits' own buffer. Nothing of size [N, V] is kept between the two.
 *
 * <p>Logits are [..., V] in fp32 or bf16, targets int64 [...] (negative = ignored: log-prob 0, no
 * gradient); results are fp32 shaped like the targets. For autograd use {@link LogProbNode}.
 */
public final class LogProb {
    private LogProb() {}

    /**
     * logp [...] and entropy [...] (or null) in fp32; lse [...] of logits / temperature in fp64, kept for
     * the backward (a float lse of logits near 1e4 would lose small log-probs: its ulp there is 1e-3).
     */
    public record Result(Tensor logp, Tensor entropy, Tensor lse) {}

    public static Result forward(Tensor logits, Tensor targets, double temperature, boolean withEntropy) {
        Rows rows = Rows.of(logits, targets, temperature);
        Tensor logp = rows.perRow(targets), lse = rows.lse(targets);
        Tensor entropy = withEntropy ? rows.perRow(targets) : null;
        if (rows.n > 0) {
            if (Launch.cuda(logits)) {
                Launch.check(NativeKernels.heed_gpu_logprob_forward(Launch.ptr(rows.logits), rows.dtype, rows.n, rows.v,
                        rows.ld, Launch.ptr(rows.targets), rows.invTemp, Launch.ptr(logp), Launch.ptr(entropy),
                        Launch.ptr(lse), Launch.stream(logits)), "logprob forward");
            } else {
                NativeKernels.heed_cpu_logprob_forward(Launch.ptr(rows.logits), rows.dtype, rows.n, rows.v, rows.ld,
                        Launch.ptr(rows.targets), rows.invTemp, Launch.ptr(logp), Launch.ptr(entropy), Launch.ptr(lse),
                        Launch.threads());
            }
        }
        return new Result(logp, entropy, lse);
    }

    /**
     * d loss / d logits from the gradients of logp and entropy (either may be null), shaped and typed like
     * the logits. With {@code inPlace} the gradient overwrites the logits' buffer (no [N, V] allocation):
     * only when nothing reads the logits afterwards.
     */
    public static Tensor backward(Tensor logits, Tensor targets, double temperature, Result forward,
                                  Tensor gLogp, Tensor gEntropy, boolean inPlace) {
        Rows rows = Rows.of(logits, targets, temperature);
        if (gEntropy != null && forward.entropy() == null)
            throw new IllegalArgumentException("gEntropy given but the forward computed no entropy");
        Tensor gl = rows.gradient(gLogp, targets, "gLogp"), ge = rows.gradient(gEntropy, targets, "gEntropy");
        Tensor out = inPlace ? rows.logits : torch.empty_like(rows.logits);
        if (rows.n > 0) {
            if (Launch.cuda(logits)) {
                Launch.check(NativeKernels.heed_gpu_logprob_backward(Launch.ptr(rows.logits), rows.dtype, rows.n, rows.v,
                        rows.ld, 0, Launch.ptr(rows.targets), rows.invTemp, Launch.ptr(forward.lse()),
                        Launch.ptr(forward.entropy()), Launch.ptr(gl), Launch.ptr(ge), Launch.ptr(out), out.stride(0),
                        Launch.stream(logits)), "logprob backward");
            } else {
                NativeKernels.heed_cpu_logprob_backward(Launch.ptr(rows.logits), rows.dtype, rows.n, rows.v, rows.ld, 0,
                        Launch.ptr(rows.targets), rows.invTemp, Launch.ptr(forward.lse()), Launch.ptr(forward.entropy()),
                        Launch.ptr(gl), Launch.ptr(ge), Launch.ptr(out), out.stride(0), Launch.threads());
            }
        }
        return out.view(logits.sizes());
    }

    /** The logits as rows [N, V] with a row stride, and the checked per-row arguments. */
    static final class Rows {
        final Tensor logits, targets;
        final long n, v, ld;
        final int dtype;
        final float invTemp;

        private Rows(Tensor logits, Tensor targets, long n, long v, long ld, int dtype, float invTemp) {
            this.logits = logits;
            this.targets = targets;
            this.n = n;
            this.v = v;
            this.ld = ld;
            this.dtype = dtype;
            this.invTemp = invTemp;
        }

        static Rows of(Tensor logits, Tensor targets, double temperature) {
            if (!(temperature > 0) || Double.isInfinite(temperature))
                throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
            if (logits.dim() < 1) throw new IllegalArgumentException("logits: expected [..., V], got a scalar");
            long v = logits.size(logits.dim() - 1);
            long[] lead = java.util.Arrays.copyOf(Tensors.shape(logits), (int) logits.dim() - 1);
            Launch.requireShape(targets, "targets", lead);
            Launch.requireDType(targets, DType.I64, "targets");
            Launch.requireSameDevice(logits, targets, "targets");
            int dtype = Launch.dtypeCode(logits, "logits");
            long n = targets.numel();
            if (v == 0 && n > 0) throw new IllegalArgumentException("logits: the vocabulary dimension is empty");
            // Rows with a uniform stride are used as they are; anything else is copied once.
            Tensor rows = logits.dim() == 2 && logits.stride(1) == 1 && logits.stride(0) >= v ? logits : Launch.contiguous(logits).view(n, v);
            Tensor t = Launch.contiguous(targets);
            if (n > 0 && !Launch.cuda(logits)) {
                long max = t.max().item_long();
                if (max >= v) throw new IllegalArgumentException("targets: id " + max + " is outside the vocabulary of " + v);
            }
            return new Rows(rows.detach(), t, n, v, n > 0 ? rows.stride(0) : v, dtype, (float) (1.0 / temperature));
        }

        Tensor perRow(Tensor targets) {
            return torch.empty(targets.sizes(), Tensors.options(DType.F32, logits.device()), null);
        }

        Tensor lse(Tensor targets) {
            return torch.empty(targets.sizes(), new TensorOptions(torch.ScalarType.Double)
                    .device(new DeviceOptional(logits.device())), null);
        }

        Tensor gradient(Tensor g, Tensor targets, String name) {
            if (g == null) return null;
            Launch.requireShape(g, name, Tensors.shape(targets));
            Launch.requireSameDevice(logits, g, name);
            return Launch.f32(g);
        }
    }
}
