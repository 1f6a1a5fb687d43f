package dev.heed.kernels;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * {@link LogProb} of the LM head's output, {@code logits = hidden · weightᵀ}, without ever materializing
 * the [N, V] logits: the vocabulary is walked in chunks of at most {@code chunkElements} logits; each chunk
 * is one GEMM into a reused buffer, folded into a running log-sum-exp (forward) or turned into its
 * gradient in place and multiplied into dhidden and the chunk's rows of dweight (backward, which
 * recomputes the chunk's logits: one extra GEMM instead of storing [N, V]).
 *
 * <p>hidden [..., H] and weight [V, H] share a dtype (fp32 or bf16) and device; targets int64 [...].
 */
public final class LinearLogProb {
    /** 8 Mi logits per chunk: 32 MiB of fp32, small against [N, V] yet wide enough for an efficient GEMM. */
    public static final long DEFAULT_CHUNK_ELEMENTS = 1L << 23;

    private LinearLogProb() {}

    /** Gradients of hidden ([..., H], or null if not asked for) and weight ([V, H], or null). */
    public record Grads(Tensor dhidden, Tensor dweight) {}

    public static LogProb.Result forward(Tensor hidden, Tensor weight, Tensor targets, double temperature,
                                         boolean withEntropy) {
        return forward(hidden, weight, targets, temperature, withEntropy, DEFAULT_CHUNK_ELEMENTS);
    }

    public static LogProb.Result forward(Tensor hidden, Tensor weight, Tensor targets, double temperature,
                                         boolean withEntropy, long chunkElements) {
        Head head = Head.of(hidden, weight, targets, temperature, chunkElements);
        Tensor logp = head.perRow(targets, torch.ScalarType.Float), lse = head.perRow(targets, torch.ScalarType.Double);
        Tensor entropy = withEntropy ? head.perRow(targets, torch.ScalarType.Float) : null;
        if (head.n == 0) return new LogProb.Result(logp, entropy, lse);
        try (PointerScope scope = new PointerScope()) {
            Tensor state = head.empty(torch.ScalarType.Double, head.n, NativeKernels.LSE_STATE);
            Tensor buffer = head.buffer();
            for (long v0 = 0; v0 < head.v; v0 += head.chunk) {
                long vc = Math.min(head.chunk, head.v - v0);
                Tensor logits = head.logits(buffer, v0, vc);
                if (head.cuda) {
                    Launch.check(NativeKernels.heed_gpu_lse_chunk(Launch.ptr(logits), head.dtype, head.n, vc, vc, v0,
                            Launch.ptr(head.targets), head.invTemp, Launch.ptr(state), v0 == 0 ? 1 : 0,
                            Launch.stream(hidden)), "linearLogprob forward");
                } else {
                    NativeKernels.heed_cpu_lse_chunk(Launch.ptr(logits), head.dtype, head.n, vc, vc, v0,
                            Launch.ptr(head.targets), head.invTemp, Launch.ptr(state), v0 == 0 ? 1 : 0, Launch.threads());
                }
            }
            if (head.cuda) {
                Launch.check(NativeKernels.heed_gpu_lse_finish(head.n, head.v, Launch.ptr(head.targets), Launch.ptr(state),
                        Launch.ptr(logp), Launch.ptr(entropy), Launch.ptr(lse), Launch.stream(hidden)), "linearLogprob forward");
            } else {
                NativeKernels.heed_cpu_lse_finish(head.n, head.v, Launch.ptr(head.targets), Launch.ptr(state),
                        Launch.ptr(logp), Launch.ptr(entropy), Launch.ptr(lse));
            }
        }
        return new LogProb.Result(logp, entropy, lse);
    }

    public static Grads backward(Tensor hidden, Tensor weight, Tensor targets, double temperature,
                                 LogProb.Result forward, Tensor gLogp, Tensor gEntropy,
                                 boolean needHidden, boolean needWeight) {
        return backward(hidden, weight, targets, temperature, forward, gLogp, gEntropy, needHidden, needWeight,
                DEFAULT_CHUNK_ELEMENTS);
    }

    public static Grads backward(Tensor hidden, Tensor weight, Tensor targets, double temperature,
                                 LogProb.Result forward, Tensor gLogp, Tensor gEntropy,
                                 boolean needHidden, boolean needWeight, long chunkElements) {
        Head head = Head.of(hidden, weight, targets, temperature, chunkElements);
        if (gEntropy != null && forward.entropy() == null)
            throw new IllegalArgumentException("gEntropy given but the forward computed no entropy");
        boolean bf16 = head.dtype == NativeKernels.BF16;
        // dhidden accumulates over vocabulary chunks: in fp32, also for bf16 inputs.
        Tensor dh = needHidden ? torch.zeros(new long[] {head.n, head.h}, Tensors.options(DType.F32, hidden.device())) : null;
        Tensor dw = needWeight ? torch.empty_like(head.weight) : null;
        if (head.n > 0 && (needHidden || needWeight)) {
            try (PointerScope scope = new PointerScope()) {
                Tensor gl = gLogp == null ? null : head.rowsOf(gLogp, "gLogp");
                Tensor ge = gEntropy == null ? null : head.rowsOf(gEntropy, "gEntropy");
                Tensor buffer = head.buffer();
                for (long v0 = 0; v0 < head.v; v0 += head.chunk) {
                    long vc = Math.min(head.chunk, head.v - v0);
                    Tensor dlogits = head.logits(buffer, v0, vc);
                    if (head.cuda) {
                        Launch.check(NativeKernels.heed_gpu_logprob_backward(Launch.ptr(dlogits), head.dtype, head.n, vc, vc,
                                v0, Launch.ptr(head.targets), head.invTemp, Launch.ptr(forward.lse()),
                                Launch.ptr(forward.entropy()), Launch.ptr(gl), Launch.ptr(ge), Launch.ptr(dlogits), vc,
                                Launch.stream(hidden)), "linearLogprob backward");
                    } else {
                        NativeKernels.heed_cpu_logprob_backward(Launch.ptr(dlogits), head.dtype, head.n, vc, vc, v0,
                                Launch.ptr(head.targets), head.invTemp, Launch.ptr(forward.lse()),
                                Launch.ptr(forward.entropy()), Launch.ptr(gl), Launch.ptr(ge), Launch.ptr(dlogits), vc,
                                Launch.threads());
                    }
                    Tensor w = head.weight.narrow(0, v0, vc);
                    if (needWeight) torch.mm_out(dw.narrow(0, v0, vc), dlogits.t(), head.hidden);
                    if (needHidden) {
                        if (bf16) dh.add_(dlogits.mm(w));
                        else dh.addmm_(dlogits, w);
                    }
                }
            }
        }
        Tensor dhidden = dh == null ? null : (bf16 ? dh.to(DType.BF16.scalarType) : dh).view(hidden.sizes());
        return new Grads(dhidden, dw);
    }

    /** The checked operands as [N, H] rows, [V, H] weight and the chunk width. */
    private static final class Head {
        final Tensor hidden, weight, targets;
        final long n, h, v, chunk;
        final int dtype;
        final float invTemp;
        final boolean cuda;

        private Head(Tensor hidden, Tensor weight, Tensor targets, long n, long h, long v, long chunk, int dtype,
                     float invTemp) {
            this.hidden = hidden;
            this.weight = weight;
            this.targets = targets;
            this.n = n;
            this.h = h;
            this.v = v;
            this.chunk = chunk;
            this.dtype = dtype;
            this.invTemp = invTemp;
            this.cuda = Launch.cuda(hidden);
        }

        static Head of(Tensor hidden, Tensor weight, Tensor targets, double temperature, long chunkElements) {
            if (!(temperature > 0) || Double.isInfinite(temperature))
                throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
            if (chunkElements < 1) throw new IllegalArgumentException("chunkElements must be positive, got " + chunkElements);
            if (hidden.dim() < 1) throw new IllegalArgumentException("hidden: expected [..., H], got a scalar");
            if (weight.dim() != 2) throw new IllegalArgumentException("weight: expected [V, H], got " + Tensors.shapeString(weight));
            long h = hidden.size(hidden.dim() - 1), v = weight.size(0);
            if (weight.size(1) != h)
                throw new IllegalArgumentException("weight: expected [V, " + h + "] to match hidden, got " + Tensors.shapeString(weight));
            long[] lead = java.util.Arrays.copyOf(Tensors.shape(hidden), (int) hidden.dim() - 1);
            Launch.requireShape(targets, "targets", lead);
            Launch.requireDType(targets, DType.I64, "targets");
            Launch.requireSameDevice(hidden, weight, "weight");
            Launch.requireSameDevice(hidden, targets, "targets");
            int dtype = Launch.dtypeCode(hidden, "hidden");
            if (Launch.dtypeCode(weight, "weight") != dtype)
                throw new IllegalArgumentException("weight: dtype differs from hidden's");
            long n = targets.numel();
            if (v == 0 && n > 0) throw new IllegalArgumentException("weight: the vocabulary dimension is empty");
            Tensor t = Launch.contiguous(targets);
            if (n > 0 && !Launch.cuda(hidden)) {
                long max = t.max().item_long();
                if (max >= v) throw new IllegalArgumentException("targets: id " + max + " is outside the vocabulary of " + v);
            }
            long chunk = Math.max(1, Math.min(v, chunkElements / Math.max(1, n)));
            return new Head(Launch.contiguous(hidden.detach()).view(n, h), Launch.contiguous(weight.detach()), t, n, h, v,
                    chunk, dtype, (float) (1.0 / temperature));
        }

        Tensor perRow(Tensor targets, torch.ScalarType type) {
            return empty(type, Tensors.shape(targets));
        }

        Tensor empty(torch.ScalarType type, long... shape) {
            return torch.empty(shape, new TensorOptions(type).device(new DeviceOptional(hidden.device())), null);
        }

        Tensor rowsOf(Tensor g, String name) {
            Launch.requireShape(g, name, Tensors.shape(targets));
            Launch.requireSameDevice(hidden, g, name);
            return Launch.f32(g);
        }

        /** One flat buffer for every chunk's [N, vc] logits (reused, so the allocator sees it once). */
        Tensor buffer() {
            return torch.empty(new long[] {n * chunk}, Tensors.options(DType.of(hidden.scalar_type()), hidden.device()), null);
        }

        /** logits of the vocabulary rows [v0, v0 + vc) into the buffer, as a contiguous [N, vc] view. */
        Tensor logits(Tensor buffer, long v0, long vc) {
            Tensor out = buffer.narrow(0, 0, n * vc).view(n, vc);
            torch.mm_out(out, hidden, weight.narrow(0, v0, vc).t());
            return out;
        }
    }
}
