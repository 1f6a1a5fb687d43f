package dev.heed.model;

import dev.heed.config.BadInputException;
import dev.heed.tensor.DType;

import java.util.List;

/**
 * Model shapes for `heed model init`. `tiny` (~1M parameters) trains a step in milliseconds on a CPU;
 * `small` (~25M) is big enough for throughput numbers to mean something. Each architecture keeps its
 * own defining traits: Qwen2's q/k/v bias, Qwen3's explicit head_dim (here wider than hidden/heads) and
 * q/k norms, Llama 3's scaled RoPE and untied LM head.
 */
public final class Presets {
    private Presets() {}

    public enum Size { TINY, SMALL }

    public static Size size(String name) {
        switch (name) {
            case "tiny": return Size.TINY;
            case "small": return Size.SMALL;
            default: throw new BadInputException("unknown preset '" + name + "' (expected tiny or small)");
        }
    }

    /** A config for {@code arch} at {@code size} whose vocabulary covers {@code vocabSize} token ids. */
    public static ModelConfig of(ModelConfig.Architecture arch, Size size, int vocabSize, long bosId, List<Long> eosIds) {
        boolean tiny = size == Size.TINY;
        int hidden = tiny ? 128 : 512;
        int heads = tiny ? 4 : 8;
        int kvHeads = 2;
        int headDim = arch == ModelConfig.Architecture.QWEN3 ? (tiny ? 48 : 80) : hidden / heads;
        int layers = tiny ? 4 : 8;
        int intermediate = tiny ? 352 : 1408;
        boolean llama = arch == ModelConfig.Architecture.LLAMA;
        return new ModelConfig(arch, vocabSize, hidden, intermediate, layers, heads, kvHeads, headDim,
                llama ? 1e-5 : 1e-6,
                llama ? 500000.0 : 1000000.0,
                llama ? new ModelConfig.Llama3RopeScaling(8.0, 1.0, 4.0, 256) : null,
                4096,
                !llama,
                arch == ModelConfig.Architecture.QWEN2,
                false,
                arch == ModelConfig.Architecture.QWEN3,
                DType.F32,
                bosId,
                eosIds);
    }
}
