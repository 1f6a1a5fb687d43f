package dev.heed.model;

import dev.heed.config.BadInputException;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoder's parameters under their Hugging Face names, on one device in one dtype. Parameters are
 * leaves that require grad; they outlive any step scope and are freed by {@link #close()}.
 */
public final class DecoderWeights implements AutoCloseable {
    /** Hugging Face's default shard limit for `save_pretrained`. */
    public static final long DEFAULT_SHARD_BYTES = 5L << 30;

    private final ModelConfig config;
    private final Map<String, Tensor> params;

    private DecoderWeights(ModelConfig config, Map<String, Tensor> params) {
        this.config = config;
        this.params = Collections.unmodifiableMap(params);
    }

    /** Random init as Hugging Face's `_init_weights`: N(0, 0.02) for linear and embedding, zero bias, unit norms. */
    public static DecoderWeights init(ModelConfig config, long seed, Device device, DType dtype) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        // Draw on a private CPU generator in fp32 so the same seed gives the same weights on every device.
        Generator gen = torch.createCPUGenerator(seed);
        try (PointerScope scope = new PointerScope()) {
            TensorOptions f32 = new TensorOptions(DType.F32.scalarType);
            for (WeightLayout.Spec s : WeightLayout.of(config)) {
                Tensor t;
                switch (s.init()) {
                    case NORMAL: t = torch.empty(s.shape(), f32, null).normal_(0.0, 0.02, new GeneratorOptional(gen)); break;
                    case ZERO: t = torch.zeros(s.shape(), f32); break;
                    default: t = torch.ones(s.shape(), f32); break;
                }
                params.put(s.name(), param(t, device, dtype));
            }
        }
        return new DecoderWeights(config, params);
    }

    /** Loads and validates every tensor the config calls for; names and shapes must match exactly. */
    public static DecoderWeights load(Checkpoint ckpt, ModelConfig config, Device device, DType dtype) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        try (PointerScope scope = new PointerScope()) {
            for (WeightLayout.Spec s : WeightLayout.of(config)) {
                if (!ckpt.names().contains(s.name())) {
                    params.values().forEach(Tensors::release);
                    throw new BadInputException("missing tensor '" + s.name() + "' in " + ckpt.dir());
                }
                long[] actual = ckpt.info(s.name()).shape();
                if (!Arrays.equals(actual, s.shape())) {
                    params.values().forEach(Tensors::release);
                    throw new BadInputException("tensor '" + s.name() + "' in " + ckpt.dir() + ": expected shape "
                            + Arrays.toString(s.shape()) + ", got " + Arrays.toString(actual));
                }
                params.put(s.name(), param(ckpt.load(s.name()), device, dtype));
            }
        }
        return new DecoderWeights(config, params);
    }

    private static Tensor param(Tensor t, Device device, DType dtype) {
        // An own copy: never alias a memory-mapped checkpoint that training would then write into.
        Tensor p = t.to(device, dtype.scalarType).clone().detach().requires_grad_(true);
        return Tensors.keep(p);
    }

    public ModelConfig config() {
        return config;
    }

    public Tensor get(String name) {
        Tensor t = params.get(name);
        if (t == null) throw new IllegalArgumentException("no parameter " + name);
        return t;
    }

    /** The output projection: the embedding matrix when the two are tied. */
    public Tensor lmHead() {
        return get(config.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
    }

    public Map<String, Tensor> named() {
        return params;
    }

    /** Parameters for an optimizer. The vector must live as long as the optimizer (make it outside step scopes). */
    public TensorVector parameters() {
        return new TensorVector(params.values().toArray(new Tensor[0]));
    }

    public long parameterCount() {
        return params.values().stream().mapToLong(Tensor::numel).sum();
    }

    /** Writes the weights as Hugging Face safetensors (sharded past {@code maxShardBytes}) in {@code dtype}. */
    public void save(Path dir, DType dtype, long maxShardBytes) {
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : params.entrySet())
                out.put(e.getKey(), e.getValue().detach().to(Devices.cpu(), dtype.scalarType).contiguous());
            SafetensorsWriter.writeSharded(dir, out, maxShardBytes, Map.of("format", "pt"));
        }
    }

    @Override
    public void close() {
        params.values().forEach(Tensors::release);
    }
}
