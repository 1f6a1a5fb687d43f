package dev.heed.kernels;

import dev.heed.bench.EagerKernels;
import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.heed.kernels.KernelChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class GroupAdvantagesTest {

    @ParameterizedTest(name = "groups={0} n={1}")
    @CsvSource({"1, 2", "7, 5", "64, 8", "3, 1", "5, 16"})
    void matchesEagerComposition(int groups, int n) {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(groups * 100L + n);
            Tensor rewards = torch.rand(groups * n);
            assertClose(GroupAdvantages.grpo(rewards, n, 1e-6), EagerKernels.advantages(rewards, n, 1e-6, 0), 1e-5, "GRPO");
            assertClose(GroupAdvantages.compute(rewards, n, 1e-6, false), EagerKernels.advantages(rewards, n, 0, 1), 1e-5, "Dr.GRPO");
            assertClose(GroupAdvantages.rloo(rewards, n), EagerKernels.advantages(rewards, n, 0, 2), 1e-5, "RLOO");
        }
    }

    @Test
    void handComputedValues() {
        try (PointerScope scope = new PointerScope()) {
            Tensor r = Tensors.floats(new float[] {1, 0, 0, 1, 1, 1}, 6);
            // group 1: mean 1/3, unbiased std sqrt(1/3); group 2: all equal -> 0
            float[] grpo = Tensors.toFloats(GroupAdvantages.grpo(r, 3, 1e-6));
            assertEquals((1 - 1 / 3.0) / (Math.sqrt(1 / 3.0) + 1e-6), grpo[0], 1e-6);
            assertEquals(0f, grpo[4]);
            float[] rloo = Tensors.toFloats(GroupAdvantages.rloo(r, 3));
            assertEquals(1.0, rloo[0], 1e-6);        // 1 - mean(0, 0)
            assertEquals(-0.5, rloo[1], 1e-6);       // 0 - mean(1, 0)
        }
    }

    @Test
    void rejectsRaggedGroups() {
        try (PointerScope scope = new PointerScope()) {
            assertThrows(IllegalArgumentException.class, () -> GroupAdvantages.grpo(torch.rand(7), 3, 1e-6));
            assertEquals(0, GroupAdvantages.grpo(torch.rand(0), 4, 1e-6).numel());
            assertEquals(DType.F32, DType.of(GroupAdvantages.drGrpo(torch.rand(4).to(torch.ScalarType.BFloat16), 2).scalar_type()));
        }
    }
}
