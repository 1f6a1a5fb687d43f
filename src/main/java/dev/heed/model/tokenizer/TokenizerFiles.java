package dev.heed.model.tokenizer;

import dev.heed.config.JsonFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.config.AtomicFiles;
import java.nio.file.Path;

/**
 * The tokenizer files of a Hugging Face model folder, and the writer of Heed's own: a byte-level BPE
 * {@code tokenizer.json} and a Qwen2-Instruct-style {@code tokenizer_config.json} (no bos token, eos
 * {@code <|im_end|>}, pad {@code <|endoftext|>}, ChatML chat template).
 */
public final class TokenizerFiles {
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";
    public static final String GENERATION_CONFIG_JSON = "generation_config.json";
    /** Newer transformers versions save the chat template in its own file. */
    public static final String CHAT_TEMPLATE_JINJA = "chat_template.jinja";

    /**
     * ChatML as Qwen2 renders it: {@code <|im_start|>{role}\n{content}<|im_end|>\n} per message, then
     * {@code <|im_start|>assistant\n} when a generation prompt is asked for. Unlike Qwen's template it
     * injects no default system prompt: the prompt is exactly the messages given.
     */
    public static final String CHATML_TEMPLATE = """
            {%- for message in messages %}
                {{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}
            {%- endfor %}
            {%- if add_generation_prompt %}
                {{- '<|im_start|>assistant\\n' }}
            {%- endif %}
            """;

    private TokenizerFiles() {}

    /**
     * Writes tokenizer.json and tokenizer_config.json of a byte-level BPE tokenizer with exactly
     * {@code vocabSize} ids into {@code modelDir}, and returns the special token ids for config.json and
     * generation_config.json.
     */
    public static SpecialTokenIds writeByteLevelBpe(Path modelDir, int vocabSize, int modelMaxLength) {
        byte[] tokenizerJson = ByteLevelBpeBuilder.build(vocabSize);
        SpecialTokenIds ids = SpecialTokenIds.forVocabSize(vocabSize);
        AtomicFiles.writeBytes(modelDir.resolve(TOKENIZER_JSON), tokenizerJson);
        AtomicFiles.writeBytes(modelDir.resolve(TOKENIZER_CONFIG_JSON), tokenizerConfig(ids, modelMaxLength));
        return ids;
    }

    /** Keys in sorted order, as transformers saves them. */
    private static byte[] tokenizerConfig(SpecialTokenIds ids, int modelMaxLength) {
        ObjectNode config = JsonFiles.MAPPER.createObjectNode();
        ObjectNode decoder = config.putObject("added_tokens_decoder");
        long id = ids.endOfText();
        for (String token : SpecialTokenIds.ALL) {
            decoder.putObject(Long.toString(id++))
                    .put("content", token)
                    .put("lstrip", false)
                    .put("normalized", false)
                    .put("rstrip", false)
                    .put("single_word", false)
                    .put("special", true);
        }
        config.putArray("additional_special_tokens").add(SpecialTokenIds.IM_START).add(SpecialTokenIds.IM_END);
        config.putNull("bos_token");
        config.put("chat_template", CHATML_TEMPLATE);
        // decode must return exactly what was encoded
        config.put("clean_up_tokenization_spaces", false);
        config.put("eos_token", SpecialTokenIds.IM_END);
        config.put("model_max_length", modelMaxLength);
        config.put("pad_token", SpecialTokenIds.END_OF_TEXT);
        config.put("split_special_tokens", false);
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.putNull("unk_token");
        try {
            return JsonFiles.MAPPER.writer(prettyPrinter()).writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    }
}
