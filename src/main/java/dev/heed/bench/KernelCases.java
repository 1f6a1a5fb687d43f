package dev.heed.bench;

import dev.heed.kernels.Aggregation;
import dev.heed.kernels.GroupAdvantages;
import dev.heed.kernels.Kl;
import dev.heed.kernels.KlEstimator;
import dev.heed.kernels.LinearLogProb;
import dev.heed.kernels.LogProb;
import dev.heed.kernels.PolicyLoss;
import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

import java.util.List;
import java.util.function.Function;

/** The ops of {@code heed bench kernels}, each against the eager composition it replaces. */
final class KernelCases {
    private KernelCases() {}

    /** Shapes: per-token ops see the tokens as [tokens / T, T] sequences. */
    record Shape(long tokens, long vocab, long hidden, DType dtype, Device device) {
        long seqLen() {
            return Math.min(tokens, 512);
        }

        long sequences() {
            return Math.max(1, tokens / seqLen());
        }
    }

    /** Each op's constructor makes its inputs: callers build one at a time, inside a PointerScope. */
    static List<Function<Shape, KernelCase>> all() {
        return List.of(LogProbForward::new, LogProbTrain::new, LinearLogProbTrain::new, KlTrain::new,
                PolicyLossTrain::new, Advantages::new);
    }

    static Tensor randn(Shape s, DType dtype, long... shape) {
        return torch.randn(shape, Tensors.options(dtype, s.device()));
    }

    static Tensor targets(Shape s, long high, long... shape) {
        return torch.randint(high, shape, Tensors.options(DType.I64, s.device()));
    }

    static double maxErr(Tensor[] actual, Tensor[] expected) {
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            Tensor a = actual[i].detach().to(torch.ScalarType.Double), b = expected[i].detach().to(torch.ScalarType.Double);
            double scale = b.abs().max().item_double();
            worst = Math.max(worst, a.sub(b).abs().max().item_double() / Math.max(scale, 1e-30));
        }
        return worst;
    }

    static long bytes(Tensor... ts) {
        long sum = 0;
        for (Tensor t : ts) sum += t.numel() * t.element_size();
        return sum;
    }

    /** logprob forward only (old/ref log-probs are computed this way): log_softmax + gather under no-grad. */
    static final class LogProbForward implements KernelCase {
        final Tensor logits, targets;

        LogProbForward(Shape s) {
            logits = randn(s, s.dtype(), s.tokens(), s.vocab()).mul(new Scalar(2));
            targets = targets(s, s.vocab(), s.tokens());
        }

        public String op() { return "logprob_fwd"; }

        public void fused() {
            try (NoGradGuard g = new NoGradGuard()) { LogProb.forward(logits, targets, 1.0, false); }
        }

        public void eager() {
            try (NoGradGuard g = new NoGradGuard()) { EagerKernels.logprob(logits, targets, 1.0); }
        }

        public double maxRelErr() {
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                return maxErr(new Tensor[] {LogProb.forward(logits, targets, 1.0, false).logp()},
                        new Tensor[] {EagerKernels.logprob(logits, targets, 1.0)});
            }
        }

        public long inputBytes() { return bytes(logits, targets); }
    }

    /** logprob forward + backward into the logits (in place) vs log_softmax + gather + autograd backward. */
    static final class LogProbTrain implements KernelCase {
        final Tensor source, logits, targets, g;

        LogProbTrain(Shape s) {
            source = randn(s, s.dtype(), s.tokens(), s.vocab()).mul(new Scalar(2));
            logits = source.clone();
            targets = targets(s, s.vocab(), s.tokens());
            g = randn(s, DType.F32, s.tokens());
        }

        public String op() { return "logprob"; }

        public void prepare() { logits.copy_(source); }

        public void fused() {
            LogProb.Result r = LogProb.forward(logits, targets, 1.0, false);
            LogProb.backward(logits, targets, 1.0, r, g, null, true);
        }

        public void eager() {
            Tensor leaf = logits.detach().requires_grad_(true);
            EagerKernels.logprob(leaf, targets, 1.0).mul(g).sum().backward();
        }

        public double maxRelErr() {
            try (PointerScope scope = new PointerScope()) {
                Tensor leaf = source.detach().clone().requires_grad_(true);
                Tensor ref = EagerKernels.logprob(leaf, targets, 1.0);
                ref.mul(g).sum().backward();
                LogProb.Result r = LogProb.forward(source, targets, 1.0, false);
                Tensor d = LogProb.backward(source, targets, 1.0, r, g, null, false);
                return maxErr(new Tensor[] {r.logp(), d}, new Tensor[] {ref, leaf.grad()});
            }
        }

        /** The working copy of the logits is an input too (it becomes the gradient). */
        public long inputBytes() { return bytes(source, logits, targets, g); }
    }

    /** The fused LM head + logprob, forward + backward into hidden and weight, vs mm + log_softmax + autograd. */
    static final class LinearLogProbTrain implements KernelCase {
        final Tensor hidden, weight, targets, g;

        LinearLogProbTrain(Shape s) {
            hidden = randn(s, s.dtype(), s.tokens(), s.hidden());
            weight = randn(s, s.dtype(), s.vocab(), s.hidden()).mul(new Scalar(0.5 / Math.sqrt(s.hidden()) * 4));
            targets = targets(s, s.vocab(), s.tokens());
            g = randn(s, DType.F32, s.tokens());
        }

        public String op() { return "linear_logprob"; }

        public void fused() {
            LogProb.Result r = LinearLogProb.forward(hidden, weight, targets, 1.0, false);
            LinearLogProb.backward(hidden, weight, targets, 1.0, r, g, null, true, true);
        }

        public void eager() {
            Tensor h = hidden.detach().requires_grad_(true), w = weight.detach().requires_grad_(true);
            EagerKernels.logprob(h.mm(w.t()), targets, 1.0).mul(g).sum().backward();
        }

        public double maxRelErr() {
            try (PointerScope scope = new PointerScope()) {
                Tensor h = hidden.detach().requires_grad_(true), w = weight.detach().requires_grad_(true);
                Tensor ref = EagerKernels.logprob(h.mm(w.t()), targets, 1.0);
                ref.mul(g).sum().backward();
                LogProb.Result r = LinearLogProb.forward(hidden, weight, targets, 1.0, false);
                LinearLogProb.Grads d = LinearLogProb.backward(hidden, weight, targets, 1.0, r, g, null, true, true);
                return maxErr(new Tensor[] {r.logp(), d.dhidden(), d.dweight()}, new Tensor[] {ref, h.grad(), w.grad()});
            }
        }

        public long inputBytes() { return bytes(hidden, weight, targets, g); }
    }

    /** k3 KL value and gradient vs the eager composition and its autograd. */
    static final class KlTrain implements KernelCase {
        final Tensor logp, ref, g;

        KlTrain(Shape s) {
            logp = randn(s, DType.F32, s.sequences(), s.seqLen());
            ref = logp.add(randn(s, DType.F32, s.sequences(), s.seqLen()).mul(new Scalar(0.3)));
            g = randn(s, DType.F32, s.sequences(), s.seqLen());
        }

        public String op() { return "kl_k3"; }

        public void fused() {
            Kl.forward(logp, ref, KlEstimator.K3);
            Kl.backward(logp, ref, KlEstimator.K3, g);
        }

        public void eager() {
            Tensor leaf = logp.detach().requires_grad_(true);
            EagerKernels.kl(leaf, ref, KlEstimator.K3).backward(g, null, false, null);
        }

        public double maxRelErr() {
            try (PointerScope scope = new PointerScope()) {
                Tensor leaf = logp.detach().requires_grad_(true);
                Tensor e = EagerKernels.kl(leaf, ref, KlEstimator.K3);
                e.backward(g, null, false, null);
                return maxErr(new Tensor[] {Kl.forward(logp, ref, KlEstimator.K3), Kl.backward(logp, ref, KlEstimator.K3, g)},
                        new Tensor[] {e, leaf.grad()});
            }
        }

        public long inputBytes() { return bytes(logp, ref, g); }
    }

    /** PPO loss with dual clip + k3 KL, token-mean: loss, metrics and dlogp vs verl's composition + autograd. */
    static final class PolicyLossTrain implements KernelCase {
        static final PolicyLoss.Config CONFIG = new PolicyLoss.Config(0.2, 0.28, 3.0, 0.001, KlEstimator.K3, Aggregation.TOKEN_MEAN);
        final Tensor logp, old, ref, adv, mask;

        PolicyLossTrain(Shape s) {
            long b = s.sequences(), t = s.seqLen();
            old = randn(s, DType.F32, b, t).sub(new Scalar(2));
            logp = old.add(randn(s, DType.F32, b, t).mul(new Scalar(0.2)));
            ref = old.add(randn(s, DType.F32, b, t).mul(new Scalar(0.2)));
            adv = randn(s, DType.F32, b);
            mask = torch.rand(new long[] {b, t}, Tensors.options(DType.F32, s.device())).gt(new Scalar(0.1)).to(torch.ScalarType.Float);
        }

        public String op() { return "policy_loss"; }

        public void fused() {
            PolicyLoss.compute(logp, old, adv, mask, ref, CONFIG).metrics();
        }

        /** The eager path ends like the fused one: with dlogp and the metrics as numbers. */
        public void eager() {
            Tensor leaf = logp.detach().requires_grad_(true);
            EagerKernels.Loss l = EagerKernels.policyLoss(leaf, old, adv, mask, ref, CONFIG);
            l.loss().backward();
            torch.stack(new TensorVector(l.loss().detach(), l.pgLoss().detach(), l.klLoss().detach(), l.clipFraction(),
                    l.clipFractionLower(), l.approxKl().detach())).contiguous().data_ptr_float().get(new float[6]);
        }

        public double maxRelErr() {
            try (PointerScope scope = new PointerScope()) {
                Tensor leaf = logp.detach().requires_grad_(true);
                EagerKernels.Loss l = EagerKernels.policyLoss(leaf, old, adv, mask, ref, CONFIG);
                l.loss().backward();
                PolicyLoss.Result r = PolicyLoss.compute(logp, old, adv, mask, ref, CONFIG);
                return maxErr(new Tensor[] {r.loss(), r.dlogp()}, new Tensor[] {l.loss(), leaf.grad()});
            }
        }

        public long inputBytes() { return bytes(logp, old, ref, adv, mask); }
    }

    /** GRPO advantages over groups of 8 rewards, one reward per sequence-sized slice of the tokens. */
    static final class Advantages implements KernelCase {
        static final int N = 8;
        final Tensor rewards;

        Advantages(Shape s) {
            rewards = torch.rand(new long[] {Math.max(N, s.tokens() / 64 / N * N)}, Tensors.options(DType.F32, s.device()));
        }

        public String op() { return "group_advantages"; }

        public void fused() { GroupAdvantages.grpo(rewards, N, 1e-6); }

        public void eager() { EagerKernels.advantages(rewards, N, 1e-6, 0); }

        public double maxRelErr() {
            try (PointerScope scope = new PointerScope()) {
                return maxErr(new Tensor[] {GroupAdvantages.grpo(rewards, N, 1e-6)},
                        new Tensor[] {EagerKernels.advantages(rewards, N, 1e-6, 0)});
            }
        }

        public long inputBytes() { return bytes(rewards); }
    }
}
