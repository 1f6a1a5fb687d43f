package dev.heed.model;

import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The libtorch decoder agrees with the scalar reference of the Hugging Face semantics, padded or not. */
class DecoderReferenceTest {
    private static final long[] IDS = {7, 300, 42, 5, 511, 99, 13, 256, 1};

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void forwardMatchesScalarReference(ModelConfig.Architecture arch) {
        try (PointerScope scope = new PointerScope(); Decoder model = TestModels.randomDecoder(arch, 11);
             NoGradGuard noGrad = new NoGradGuard()) {
            double[][] ref = new ReferenceDecoder(model.weights()).logits(IDS);

            float[] plain = Tensors.toFloats(model.forward(Tensors.longs(new long[][] {IDS}, Devices.cpu()), null));
            assertClose(ref, plain, 0, "unpadded");

            // The same sequence left-padded by three, beside another sequence: the real positions must not move.
            long[] padded = new long[IDS.length + 3];
            long[] mask = new long[IDS.length + 3];
            for (int i = 0; i < IDS.length; i++) {
                padded[i + 3] = IDS[i];
                mask[i + 3] = 1;
            }
            long[] other = new long[padded.length];
            long[] full = new long[padded.length];
            for (int i = 0; i < other.length; i++) { other[i] = 17 + 31L * i; full[i] = 1; }
            Tensor logits = model.forward(Tensors.longs(new long[][] {padded, other}, Devices.cpu()),
                    Tensors.longs(new long[][] {mask, full}, Devices.cpu()));
            assertClose(ref, Tensors.toFloats(logits.select(0, 0).narrow(0, 3, IDS.length)), 0, "left-padded");
        }
    }

    private static void assertClose(double[][] ref, float[] actual, int offset, String what) {
        int v = ref[0].length;
        double max = 0, scale = 0;
        for (int t = 0; t < ref.length; t++)
            for (int j = 0; j < v; j++) {
                max = Math.max(max, Math.abs(ref[t][j] - actual[offset + t * v + j]));
                scale = Math.max(scale, Math.abs(ref[t][j]));
            }
        assertTrue(scale > 0.1, "logits too flat to tell anything: " + scale);
        assertTrue(max <= 1e-4, what + ": max abs diff " + max + " > 1e-4 (logit scale " + scale + ")");
    }
}
