package dev.heed.kernels;

import dev.heed.bench.EagerKernels;
import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.heed.kernels.KernelChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class PolicyLossTest {

    static Stream<Arguments> configs() {
        List<Arguments> all = new ArrayList<>();
        for (Aggregation agg : Aggregation.values())
            for (double dual : new double[] {3.0, 0.0})
                for (double kl : new double[] {0.0, 0.1})
                    for (boolean perToken : new boolean[] {false, true})
                        all.add(Arguments.of(agg, dual, kl, perToken));
        return all.stream();
    }

    /** Loss, every metric and dlogp against verl's composition in libtorch and its autograd. */
    @ParameterizedTest(name = "{0} dual={1} kl={2} perToken={3}")
    @MethodSource("configs")
    void matchesEagerComposition(Aggregation agg, double dual, double klCoef, boolean perToken) {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(agg.ordinal() * 31L + (long) (dual * 7) + (long) (klCoef * 100) + (perToken ? 1 : 0));
            long b = 9, t = 37;
            Tensor old = scalar(randn(DType.F32, b, t), 0.5).sub(new Scalar(2));
            Tensor logp = old.add(scalar(randn(DType.F32, b, t), 0.3)).requires_grad_(true);   // ratios around 1, many clipped
            Tensor ref = old.add(scalar(randn(DType.F32, b, t), 0.2));
            Tensor adv = perToken ? randn(DType.F32, b, t) : randn(DType.F32, b);
            Tensor mask = torch.rand(new long[] {b, t}).gt(new Scalar(0.3)).to(torch.ScalarType.Float);
            mask.select(0, 2).zero_();                                   // an empty sequence
            mask.select(0, 5).fill_(new Scalar(1));
            PolicyLoss.Config config = new PolicyLoss.Config(0.2, 0.28, dual, klCoef, KlEstimator.K3, agg);

            EagerKernels.Loss e = EagerKernels.policyLoss(logp, old, adv, mask, ref, config);
            e.loss().backward();
            PolicyLoss.Result r = PolicyLoss.compute(logp, old, adv, mask, klCoef > 0 ? ref : null, config);
            PolicyLoss.Metrics m = r.metrics();

            assertEquals(e.loss().item_double(), m.loss(), 1e-5 * Math.max(1, Math.abs(m.loss())), "loss");
            assertEquals(e.pgLoss().item_double(), m.pgLoss(), 1e-5 * Math.max(1, Math.abs(m.pgLoss())), "pg loss");
            assertEquals(e.klLoss().item_double(), m.klLoss(), 1e-6, "kl loss");
            assertEquals(e.clipFraction().item_double(), m.clipFraction(), 1e-6, "clip fraction");
            assertEquals(e.clipFractionLower().item_double(), m.clipFractionLower(), 1e-6, "lower clip fraction");
            assertEquals(e.approxKl().item_double(), m.approxKl(), 1e-6, "approx kl");
            assertEquals(mask.sum().item_double(), m.tokens());
            assertEquals(b - 1, m.sequences());
            assertTrue(m.clipFraction() > 0.05, "the inputs exercise the clip");
            assertClose(r.dlogp(), logp.grad(), 1e-5, "dlogp");
            assertEquals(m.loss(), r.loss().item_double(), 0);
        }
    }

    @Test
    void dualClipCapsNegativeAdvantageLosses() {
        try (PointerScope scope = new PointerScope()) {
            // ratio e^2 ≈ 7.39 with A = -1: unclipped loss 7.39 > dual cap 3.
            Tensor logp = Tensors.floats(new float[] {2f}, 1, 1), old = Tensors.floats(new float[] {0f}, 1, 1);
            Tensor adv = Tensors.floats(new float[] {-1f}, 1), mask = Tensors.floats(new float[] {1f}, 1, 1);
            PolicyLoss.Result r = PolicyLoss.compute(logp, old, adv, mask, null, PolicyLoss.Config.defaults());
            assertEquals(3.0, r.metrics().loss(), 1e-6);
            assertEquals(1.0, r.metrics().clipFractionLower());
            assertEquals(0f, Tensors.toFloats(r.dlogp())[0]);
        }
    }

    @Test
    void allMaskedGivesZeroNotNaN() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = randn(DType.F32, 3, 4);
            PolicyLoss.Result r = PolicyLoss.compute(x, x, randn(DType.F32, 3), torch.zeros(3, 4), null, PolicyLoss.Config.defaults());
            assertEquals(0.0, r.metrics().loss());
            assertFinite(r.dlogp(), "dlogp");
        }
    }

    @Test
    void badShapesNameTheTensor() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = randn(DType.F32, 3, 4);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> PolicyLoss.compute(x, x, randn(DType.F32, 4), torch.ones(3, 4), null, PolicyLoss.Config.defaults()));
            assertTrue(e.getMessage().startsWith("advantages"), e.getMessage());
            PolicyLoss.Config withKl = new PolicyLoss.Config(0.2, 0.2, 3, 0.1, KlEstimator.K1, Aggregation.TOKEN_MEAN);
            e = assertThrows(IllegalArgumentException.class, () -> PolicyLoss.compute(x, x, randn(DType.F32, 3), torch.ones(3, 4), null, withKl));
            assertTrue(e.getMessage().contains("refLogp"), e.getMessage());
        }
    }
}
