package dev.heed.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import dev.heed.tensor.DType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder architecture as Hugging Face's {@code config.json} describes it, for the three families Heed
 * implements. Each family's own defaults apply where a key is absent; options the decoder does not
 * implement fail at load time instead of being silently ignored.
 *
 * @param attentionBias q/k/v projections carry a bias (Qwen2 always; Llama and Qwen3 via {@code attention_bias})
 * @param qkNorm        per-head RMSNorm on q and k before RoPE (Qwen3)
 * @param ropeScaling   null, or Llama 3's frequency-dependent rescaling
 */
public record ModelConfig(
        Architecture arch,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        Llama3RopeScaling ropeScaling,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        boolean mlpBias,
        boolean qkNorm,
        DType torchDtype,
        Long bosTokenId,
        List<Long> eosTokenIds) {

    public enum Architecture {
        QWEN2("qwen2", "Qwen2ForCausalLM"),
        QWEN3("qwen3", "Qwen3ForCausalLM"),
        LLAMA("llama", "LlamaForCausalLM");

        public final String modelType;
        public final String hfClass;

        Architecture(String modelType, String hfClass) {
            this.modelType = modelType;
            this.hfClass = hfClass;
        }

        public static Architecture fromModelType(String type, String where) {
            for (Architecture a : values()) if (a.modelType.equals(type)) return a;
            throw new BadInputException(where + ": unsupported model_type '" + type + "' (supported: qwen2, qwen3, llama)");
        }
    }

    /** Llama 3.1's `rope_scaling` of type `llama3`. */
    public record Llama3RopeScaling(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings) {}


    public ModelConfig {
        if (numHeads % numKvHeads != 0)
            throw new BadInputException("num_attention_heads (" + numHeads + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
        if (headDim % 2 != 0) throw new BadInputException("head_dim must be even for rotary embeddings, got " + headDim);
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    public int qDim() { return numHeads * headDim; }

    public int kvDim() { return numKvHeads * headDim; }

    public static ModelConfig load(Path modelDir) {
        Path file = modelDir.resolve("config.json");
        if (!Files.isRegularFile(file))
            throw new BadInputException("no config.json in " + modelDir + " (expected a Hugging Face model folder)");
        return parse(JsonFiles.readObject(file), file.toString());
    }

    public static ModelConfig parse(JsonNode c, String where) {
        Fields f = new Fields(c, where);
        Architecture arch = Architecture.fromModelType(f.requiredText("model_type"), where);
        int hidden = f.requiredInt("hidden_size");
        int heads = f.requiredInt("num_attention_heads");
        String act = f.text("hidden_act", "silu");
        if (!act.equals("silu")) throw new BadInputException(where + ": hidden_act '" + act + "' is not supported (only silu)");
        if (arch != Architecture.LLAMA && f.bool("use_sliding_window", false))
            throw new BadInputException(where + ": use_sliding_window=true is not supported");
        if (f.dbl("partial_rotary_factor", 1.0) != 1.0)
            throw new BadInputException(where + ": partial_rotary_factor other than 1.0 is not supported");

        JsonNode rope = c.hasNonNull("rope_parameters") ? c.get("rope_parameters") : c.get("rope_scaling");
        double theta = f.dbl("rope_theta", rope != null && rope.has("rope_theta") ? rope.get("rope_theta").asDouble() : 10000.0);
        try {
            return new ModelConfig(
                    arch,
                    f.requiredInt("vocab_size"),
                    hidden,
                    f.requiredInt("intermediate_size"),
                    f.requiredInt("num_hidden_layers"),
                    heads,
                    f.integer("num_key_value_heads", heads),
                    f.integer("head_dim", hidden / heads),
                    f.dbl("rms_norm_eps", 1e-6),
                    theta,
                    ropeScaling(rope, where),
                    f.integer("max_position_embeddings", arch == Architecture.LLAMA ? 2048 : 32768),
                    f.bool("tie_word_embeddings", false),
                    arch == Architecture.QWEN2 || f.bool("attention_bias", false),
                    arch == Architecture.LLAMA && f.bool("mlp_bias", false),
                    arch == Architecture.QWEN3,
                    DType.parse(f.text(c.has("dtype") ? "dtype" : "torch_dtype", "float32")),
                    c.hasNonNull("bos_token_id") ? c.get("bos_token_id").asLong() : null,
                    ids(c.get("eos_token_id")));
        } catch (BadInputException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    private static Llama3RopeScaling ropeScaling(JsonNode rope, String where) {
        if (rope == null || rope.isNull()) return null;
        String type = rope.has("rope_type") ? rope.get("rope_type").asText() : rope.path("type").asText("default");
        switch (type) {
            case "default":
                return null;
            case "llama3":
                Fields r = new Fields(rope, where + ": rope_scaling");
                return new Llama3RopeScaling(r.requiredDouble("factor"), r.requiredDouble("low_freq_factor"),
                        r.requiredDouble("high_freq_factor"), r.requiredInt("original_max_position_embeddings"));
            default:
                throw new BadInputException(where + ": rope_scaling type '" + type + "' is not supported (supported: default, llama3)");
        }
    }

    private static List<Long> ids(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (node.isArray()) {
            Long[] out = new Long[node.size()];
            for (int i = 0; i < out.length; i++) out[i] = node.get(i).asLong();
            return List.of(out);
        }
        return List.of(node.asLong());
    }

    /** The config.json Hugging Face's loaders expect for this architecture. */
    public ObjectNode toJson() {
        ObjectNode c = JsonFiles.MAPPER.createObjectNode();
        c.putArray("architectures").add(arch.hfClass);
        c.put("model_type", arch.modelType);
        c.put("vocab_size", vocabSize);
        c.put("hidden_size", hiddenSize);
        c.put("intermediate_size", intermediateSize);
        c.put("num_hidden_layers", numLayers);
        c.put("num_attention_heads", numHeads);
        c.put("num_key_value_heads", numKvHeads);
        c.put("head_dim", headDim);
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", maxPositionEmbeddings);
        c.put("rms_norm_eps", rmsNormEps);
        c.put("rope_theta", ropeTheta);
        if (ropeScaling != null) {
            ObjectNode r = c.putObject("rope_scaling");
            r.put("rope_type", "llama3");
            r.put("factor", ropeScaling.factor());
            r.put("low_freq_factor", ropeScaling.lowFreqFactor());
            r.put("high_freq_factor", ropeScaling.highFreqFactor());
            r.put("original_max_position_embeddings", ropeScaling.originalMaxPositionEmbeddings());
        } else {
            c.putNull("rope_scaling");
        }
        c.put("tie_word_embeddings", tieWordEmbeddings);
        if (arch != Architecture.QWEN2) c.put("attention_bias", attentionBias);
        if (arch == Architecture.LLAMA) c.put("mlp_bias", mlpBias);
        if (arch != Architecture.LLAMA) c.put("use_sliding_window", false);
        c.put("attention_dropout", 0.0);
        c.put("initializer_range", 0.02);
        c.put("torch_dtype", torchDtype.torchName);
        c.put("use_cache", true);
        if (bosTokenId != null) c.put("bos_token_id", bosTokenId);
        if (eosTokenIds.size() == 1) c.put("eos_token_id", eosTokenIds.get(0));
        else if (!eosTokenIds.isEmpty()) eosTokenIds.forEach(c.withArray("eos_token_id")::add);
        return c;
    }

    /** Typed access to a config object, naming the file and key in every error. */
    private static final class Fields {
        private final JsonNode node;
        private final String where;

        Fields(JsonNode node, String where) {
            this.node = node;
            this.where = where;
        }

        private JsonNode get(String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        private JsonNode required(String key) {
            JsonNode v = get(key);
            if (v == null) throw new BadInputException(where + ": missing required field '" + key + "'");
            return v;
        }

        private int asInt(String key, JsonNode v) {
            if (!v.canConvertToInt() || !v.isIntegralNumber())
                throw new BadInputException(where + ": field '" + key + "' must be an integer, got " + v);
            if (v.asInt() <= 0) throw new BadInputException(where + ": field '" + key + "' must be positive, got " + v);
            return v.asInt();
        }

        private double asDouble(String key, JsonNode v) {
            if (!v.isNumber()) throw new BadInputException(where + ": field '" + key + "' must be a number, got " + v);
            return v.asDouble();
        }

        int requiredInt(String key) { return asInt(key, required(key)); }

        double requiredDouble(String key) { return asDouble(key, required(key)); }

        String requiredText(String key) { required(key); return text(key, null); }

        int integer(String key, int dflt) { JsonNode v = get(key); return v == null ? dflt : asInt(key, v); }

        double dbl(String key, double dflt) { JsonNode v = get(key); return v == null ? dflt : asDouble(key, v); }

        String text(String key, String dflt) {
            JsonNode v = get(key);
            if (v == null) return dflt;
            if (!v.isTextual()) throw new BadInputException(where + ": field '" + key + "' must be a string, got " + v);
            return v.asText();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode v = get(key);
            if (v == null) return dflt;
            if (!v.isBoolean()) throw new BadInputException(where + ": field '" + key + "' must be true or false, got " + v);
            return v.asBoolean();
        }
    }

    /** Key/value pairs for `heed model info`. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", arch.hfClass + " (" + arch.modelType + ")");
        m.put("parameters", WeightLayout.parameterCount(this));
        m.put("dtype", torchDtype.torchName);
        m.put("layers", numLayers);
        m.put("hidden", hiddenSize);
        m.put("intermediate", intermediateSize);
        m.put("heads", numHeads);
        m.put("kv_heads", numKvHeads);
        m.put("head_dim", headDim);
        m.put("vocab", vocabSize);
        m.put("context", maxPositionEmbeddings);
        m.put("rope_theta", ropeTheta);
        m.put("rope_scaling", ropeScaling == null ? "none" : "llama3 x" + ropeScaling.factor());
        m.put("tie_word_embeddings", tieWordEmbeddings);
        return m;
    }
}
