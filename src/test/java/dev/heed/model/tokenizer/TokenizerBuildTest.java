package dev.heed.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.config.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerBuildTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void sameVocabSizeGivesByteIdenticalFiles(@TempDir Path dir) throws Exception {
        assertArrayEquals(ByteLevelBpeBuilder.build(512), ByteLevelBpeBuilder.build(512));
        TokenizerFiles.writeByteLevelBpe(dir.resolve("a"), 512, 256);
        TokenizerFiles.writeByteLevelBpe(dir.resolve("b"), 512, 256);
        for (String name : new String[] {TokenizerFiles.TOKENIZER_JSON, TokenizerFiles.TOKENIZER_CONFIG_JSON}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(name)),
                    Files.readAllBytes(dir.resolve("b").resolve(name)), name);
        }
    }

    @Test
    void vocabularyHasExactlyTheRequestedSize() throws Exception {
        for (int size : new int[] {ByteLevelBpeBuilder.MIN_VOCAB_SIZE, 512, 4096}) {
            JsonNode json = MAPPER.readTree(ByteLevelBpeBuilder.build(size));
            JsonNode vocab = json.get("model").get("vocab");
            JsonNode added = json.get("added_tokens");
            assertEquals(size, vocab.size() + added.size(), "size " + size);
            boolean[] seen = new boolean[size];
            vocab.forEach(id -> seen[id.asInt()] = true);
            added.forEach(token -> seen[token.get("id").asInt()] = true);
            for (int id = 0; id < size; id++) assertTrue(seen[id], "id " + id + " unused at size " + size);
        }
    }

    @Test
    void layoutIsBytesThenMergesThenSpecialTokens() throws Exception {
        JsonNode json = MAPPER.readTree(ByteLevelBpeBuilder.build(512));
        JsonNode model = json.get("model");
        assertEquals("BPE", model.get("type").asText());
        assertEquals(32, model.get("vocab").get("Ġ").asInt(), "space byte keeps its byte value as id");
        assertEquals(65, model.get("vocab").get("A").asInt());
        JsonNode firstMerge = model.get("merges").get(0);
        assertTrue(firstMerge.isArray() && firstMerge.size() == 2, "merges are [left, right] pairs");
        assertEquals(256, model.get("vocab").get(firstMerge.get(0).asText() + firstMerge.get(1).asText()).asInt());
        // Qwen2's layout: NFC, then its regex split, then the byte mapping.
        assertEquals("NFC", json.get("normalizer").get("type").asText());
        JsonNode steps = json.get("pre_tokenizer").get("pretokenizers");
        assertEquals("Split", steps.get(0).get("type").asText());
        assertEquals("Isolated", steps.get(0).get("behavior").asText());
        assertTrue(steps.get(0).get("pattern").get("Regex").asText().contains("\\p{N}|"), "digits split one by one");
        assertEquals("ByteLevel", steps.get(1).get("type").asText());
        assertFalse(steps.get(1).get("use_regex").asBoolean());
        assertEquals("ByteLevel", json.get("decoder").get("type").asText());
        JsonNode added = json.get("added_tokens");
        for (int i = 0; i < 3; i++) {
            assertEquals(SpecialTokenIds.ALL.get(i), added.get(i).get("content").asText());
            assertEquals(509 + i, added.get(i).get("id").asInt());
            assertTrue(added.get(i).get("special").asBoolean());
            assertFalse(added.get(i).get("normalized").asBoolean());
        }
    }

    @Test
    void tokenizerConfigIsQwenInstructStyle(@TempDir Path dir) throws Exception {
        SpecialTokenIds ids = TokenizerFiles.writeByteLevelBpe(dir, 512, 1024);
        assertEquals(new SpecialTokenIds(509, 510, 511), ids);
        assertEquals(511, ids.eos());
        assertEquals(509, ids.pad());
        JsonNode config = MAPPER.readTree(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON).toFile());
        assertTrue(config.get("bos_token").isNull());
        assertEquals("<|im_end|>", config.get("eos_token").asText());
        assertEquals("<|endoftext|>", config.get("pad_token").asText());
        assertEquals(1024, config.get("model_max_length").asInt());
        assertEquals("PreTrainedTokenizerFast", config.get("tokenizer_class").asText());
        assertEquals(TokenizerFiles.CHATML_TEMPLATE, config.get("chat_template").asText());
        assertEquals("<|im_start|>", config.get("added_tokens_decoder").get("510").get("content").asText());
    }

    @Test
    void vocabSizeOutsideWhatCanBeBuiltIsRejected() {
        BadInputException small = assertThrows(BadInputException.class, () -> ByteLevelBpeBuilder.build(258));
        assertTrue(small.getMessage().contains("259"), small.getMessage());
        BadInputException large = assertThrows(BadInputException.class, () -> ByteLevelBpeBuilder.build(1_000_000));
        assertTrue(large.getMessage().contains("at most"), large.getMessage());
    }
}
