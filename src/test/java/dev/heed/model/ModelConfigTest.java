package dev.heed.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config.json of real published checkpoints parses to the right architecture; unsupported options fail clearly. */
class ModelConfigTest {
    // The published configs' values (abridged to the keys the decoder reads).
    private static final String QWEN25_05B = """
            {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 896, "intermediate_size": 4864,
             "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2, "max_position_embeddings": 32768,
             "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "tie_word_embeddings": true, "vocab_size": 151936,
             "sliding_window": 32768, "use_sliding_window": false, "max_window_layers": 21, "torch_dtype": "bfloat16",
             "bos_token_id": 151643, "eos_token_id": 151645, "hidden_act": "silu", "rope_scaling": null}""";
    private static final String QWEN3_06B = """
            {"architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "hidden_size": 1024, "intermediate_size": 3072,
             "num_hidden_layers": 28, "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128,
             "max_position_embeddings": 40960, "rms_norm_eps": 1e-06, "rope_theta": 1000000, "tie_word_embeddings": true,
             "vocab_size": 151936, "attention_bias": false, "torch_dtype": "bfloat16", "eos_token_id": 151645,
             "bos_token_id": 151643, "use_sliding_window": false, "sliding_window": null}""";
    private static final String LLAMA31_8B = """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096, "intermediate_size": 14336,
             "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8, "max_position_embeddings": 131072,
             "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "vocab_size": 128256, "tie_word_embeddings": false,
             "attention_bias": false, "mlp_bias": false, "pretraining_tp": 1, "bos_token_id": 128000,
             "eos_token_id": [128001, 128008, 128009], "torch_dtype": "bfloat16",
             "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                              "original_max_position_embeddings": 8192, "rope_type": "llama3"}}""";

    private static ModelConfig parse(String json) {
        try {
            JsonNode node = JsonFiles.MAPPER.readTree(json);
            return ModelConfig.parse(node, "config.json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void qwen25() {
        ModelConfig c = parse(QWEN25_05B);
        assertEquals(ModelConfig.Architecture.QWEN2, c.arch());
        assertEquals(64, c.headDim());
        assertTrue(c.attentionBias());
        assertFalse(c.qkNorm());
        assertNull(c.ropeScaling());
        // Published parameter count of Qwen2.5-0.5B.
        assertEquals(494_032_768L, WeightLayout.parameterCount(c));
    }

    @Test
    void qwen3UsesExplicitHeadDimAndQkNorm() {
        ModelConfig c = parse(QWEN3_06B);
        assertEquals(128, c.headDim());
        assertEquals(2048, c.qDim()); // wider than hidden_size 1024
        assertTrue(c.qkNorm());
        assertFalse(c.attentionBias());
        assertTrue(WeightLayout.of(c).stream().anyMatch(s -> s.name().equals("model.layers.27.self_attn.k_norm.weight")));
    }

    @Test
    void llama31() {
        ModelConfig c = parse(LLAMA31_8B);
        assertNotNull(c.ropeScaling());
        assertEquals(8192, c.ropeScaling().originalMaxPositionEmbeddings());
        assertEquals(3, c.eosTokenIds().size());
        // Published parameter count of Llama 3.1 8B.
        assertEquals(8_030_261_248L, WeightLayout.parameterCount(c));
    }

    @Test
    void transformers5RopeParameters() {
        ModelConfig c = parse(LLAMA31_8B.replace("\"rope_theta\": 500000.0,", "").replace("\"rope_scaling\"", "\"rope_parameters\"")
                .replace("\"rope_type\": \"llama3\"", "\"rope_type\": \"llama3\", \"rope_theta\": 500000.0"));
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(8.0, c.ropeScaling().factor());
    }

    @Test
    void writtenConfigParsesBackToTheSameConfig() {
        for (String json : new String[] {QWEN25_05B, QWEN3_06B, LLAMA31_8B}) {
            ModelConfig c = parse(json);
            assertEquals(c, ModelConfig.parse(c.toJson(), "round trip"));
        }
    }

    @Test
    void unsupportedOptionsFailClearly() {
        assertError(QWEN25_05B.replace("\"qwen2\"", "\"mistral\""), "model_type 'mistral'");
        assertError(QWEN25_05B.replace("\"use_sliding_window\": false", "\"use_sliding_window\": true"), "use_sliding_window");
        assertError(LLAMA31_8B.replace("\"llama3\"", "\"yarn\""), "rope_scaling type 'yarn'");
        assertError(QWEN25_05B.replace("\"hidden_size\": 896,", ""), "'hidden_size'");
        assertError(QWEN25_05B.replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 3"), "multiple of num_key_value_heads");
        assertError(QWEN25_05B.replace("\"hidden_act\": \"silu\"", "\"hidden_act\": \"gelu\""), "hidden_act 'gelu'");
        assertError(QWEN25_05B.replace("\"vocab_size\": 151936", "\"vocab_size\": \"big\""), "'vocab_size' must be an integer");
    }

    private static void assertError(String json, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("config.json"), e.getMessage());
    }
}
