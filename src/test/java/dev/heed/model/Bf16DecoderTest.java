package dev.heed.model;

import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bf16 runs the same model: logits close to fp32, and cached decoding consistent with its own full forward. */
class Bf16DecoderTest {
    private static final long[][] IDS = {{3, 14, 159, 265, 358, 97, 93, 238}};

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void bf16TracksFp32(ModelConfig.Architecture arch) {
        ModelConfig c = TestModels.tinyConfig(arch);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard();
             Decoder f32 = new Decoder(DecoderWeights.init(c, 4, Devices.cpu(), DType.F32), Devices.cpu(), DType.F32);
             Decoder bf16 = new Decoder(DecoderWeights.init(c, 4, Devices.cpu(), DType.BF16), Devices.cpu(), DType.BF16)) {
            Tensor ids = Tensors.longs(IDS, Devices.cpu());
            Tensor ref = f32.forward(ids, null);
            Tensor low = bf16.forward(ids, null);
            assertEquals(DType.BF16, DType.of(low.scalar_type()));
            float[] a = Tensors.toFloats(ref), b = Tensors.toFloats(low);
            double scale = 0, err = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                err = Math.max(err, Math.abs(a[i] - b[i]));
            }
            assertTrue(err <= 0.05 * scale, arch + ": bf16 max abs diff " + err + " vs logit scale " + scale);

            try (KvCache cache = new KvCache(c, 1, IDS[0].length, Devices.cpu(), DType.BF16)) {
                int prompt = 5;
                Tensor pre = bf16.forward(ids.narrow(1, 0, prompt), null, cache);
                float[] full = Tensors.toFloats(low);
                float[] got = Tensors.toFloats(pre);
                double d = 0;
                for (int i = 0; i < got.length; i++) d = Math.max(d, Math.abs(got[i] - full[i]));
                for (int t = prompt; t < IDS[0].length; t++) {
                    float[] step = Tensors.toFloats(bf16.forward(ids.narrow(1, t, 1), null, cache));
                    for (int j = 0; j < step.length; j++) d = Math.max(d, Math.abs(step[j] - full[t * step.length + j]));
                }
                assertTrue(d <= 0.02 * scale, arch + ": bf16 cached vs full max abs diff " + d);
            }
        }
    }
}
