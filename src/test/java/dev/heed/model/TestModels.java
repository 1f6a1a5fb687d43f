package dev.heed.model;

import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

import java.util.List;
import java.util.Map;

/** Tiny decoders for tests, with every parameter (biases and norm gains too) random so that each one matters. */
final class TestModels {
    static final int VOCAB = 512;

    private TestModels() {}

    static ModelConfig tinyConfig(ModelConfig.Architecture arch) {
        return Presets.of(arch, Presets.Size.TINY, VOCAB, 509, List.of(511L));
    }

    static DecoderWeights randomWeights(ModelConfig config, long seed) {
        DecoderWeights w = DecoderWeights.init(config, seed, Devices.cpu(), DType.F32);
        Generator gen = torch.createCPUGenerator(seed + 1);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : w.named().entrySet()) {
                Tensor t = e.getValue();
                if (t.dim() == 1 && e.getKey().endsWith("norm.weight")) t.normal_(1.0, 0.1, new GeneratorOptional(gen));
                else if (t.dim() == 1) t.normal_(0.0, 0.1, new GeneratorOptional(gen));
                else t.normal_(0.0, 0.08, new GeneratorOptional(gen));
            }
        }
        return w;
    }

    static Decoder randomDecoder(ModelConfig.Architecture arch, long seed) {
        return new Decoder(randomWeights(tinyConfig(arch), seed), Devices.cpu(), DType.F32);
    }
}
