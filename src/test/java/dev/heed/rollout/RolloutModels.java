package dev.heed.rollout;

import dev.heed.model.Decoder;
import dev.heed.model.ModelConfig;
import dev.heed.model.ModelFolder;
import dev.heed.model.Presets;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Tiny model folders (one per architecture, made once per test JVM) whose decoders get every parameter
 * re-randomised, so that biases and norm gains matter and the outputs are far from uniform.
 */
final class RolloutModels {
    private static final Map<ModelConfig.Architecture, Path> FOLDERS = new EnumMap<>(ModelConfig.Architecture.class);

    private RolloutModels() {}

    static synchronized Path folder(ModelConfig.Architecture arch) {
        return FOLDERS.computeIfAbsent(arch, a -> {
            try {
                Path root = Files.createTempDirectory("heed-rollout-");
                root.toFile().deleteOnExit();
                Path dir = root.resolve(a.name().toLowerCase());
                ModelFolder.create(dir, a, Presets.Size.TINY, 11);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Decoder decoder(ModelConfig.Architecture arch) {
        Decoder d = Decoder.load(folder(arch), Devices.cpu(), DType.F32);
        Generator gen = torch.createCPUGenerator(arch.ordinal() + 3);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : d.weights().named().entrySet()) {
                Tensor t = e.getValue();
                if (t.dim() == 1 && e.getKey().endsWith("norm.weight")) t.normal_(1.0, 0.1, new GeneratorOptional(gen));
                else if (t.dim() == 1) t.normal_(0.0, 0.1, new GeneratorOptional(gen));
                else t.normal_(0.0, 0.08, new GeneratorOptional(gen));
            }
        }
        return d;
    }
}
