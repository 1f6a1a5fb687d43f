package dev.heed.model.tokenizer;

import dev.heed.config.JsonFiles;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tokenizer of a Hugging Face model folder: tokenizer.json through the native {@code tokenizers}
 * library (DJL binding), special tokens from tokenizer_config.json, stop ids also from
 * generation_config.json, and the chat template. Thread-safe; close it to free the native tokenizer.
 */
public final class Tokenizer implements AutoCloseable {
    /** Encode exactly the text given: no automatic bos/eos, no truncation to a model length, no padding. */
    private static final Map<String, String> NATIVE_OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    static {
        // DJL probes the EC2 metadata service and sends telemetry on each load unless "offline" is set;
        // Heed only ever loads local files.
        if (System.getProperty("offline") == null) System.setProperty("offline", "true");
    }

    private final HuggingFaceTokenizer tokenizer;
    private final int vocabSize;
    private final long eosId;
    private final long padId;
    private final Long bosId;
    private final long[] stopIds;
    private final ChatTemplate chatTemplate;
    private final Path modelDir;

    private Tokenizer(HuggingFaceTokenizer tokenizer, int vocabSize, long eosId, long padId, Long bosId,
            long[] stopIds, ChatTemplate chatTemplate, Path modelDir) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.padId = padId;
        this.bosId = bosId;
        this.stopIds = stopIds;
        this.chatTemplate = chatTemplate;
        this.modelDir = modelDir;
    }

    public static Tokenizer load(Path modelDir) {
        Path tokenizerFile = modelDir.resolve(TokenizerFiles.TOKENIZER_JSON);
        Path configFile = modelDir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON);
        Path generationFile = modelDir.resolve(TokenizerFiles.GENERATION_CONFIG_JSON);
        byte[] tokenizerBytes = JsonFiles.readBytes(tokenizerFile);
        TokenizerJson tokens = new TokenizerJson(tokenizerFile, JsonFiles.parseObject(tokenizerFile, tokenizerBytes));
        JsonNode config = JsonFiles.readObject(configFile);
        JsonNode generation = JsonFiles.readObjectIfPresent(generationFile);

        String bosToken = tokenText(config, "bos_token", configFile);
        String eosToken = tokenText(config, "eos_token", configFile);
        String padToken = tokenText(config, "pad_token", configFile);
        long[] generationEos = generationEosIds(generation, generationFile, tokens.vocabSize());
        Long eos = eosToken != null ? tokens.idOf(eosToken, configFile + " eos_token")
                : generationEos.length > 0 ? generationEos[0] : null;
        if (eos == null) {
            throw new BadInputException("no end-of-sequence token: " + configFile + " has no eos_token and "
                    + generationFile + " no eos_token_id");
        }
        long pad = padToken != null ? tokens.idOf(padToken, configFile + " pad_token") : eos;
        Long bos = bosToken != null ? tokens.idOf(bosToken, configFile + " bos_token") : null;
        Set<Long> stops = new LinkedHashSet<>();
        stops.add(eos);
        for (long id : generationEos) stops.add(id);
        ChatTemplate template = chatTemplate(config, configFile, modelDir, bosToken, eosToken);

        HuggingFaceTokenizer tokenizer = openNative(tokenizerFile, tokenizerBytes);
        return new Tokenizer(tokenizer, tokens.vocabSize(), eos, pad, bos,
                stops.stream().mapToLong(Long::longValue).toArray(), template, modelDir);
    }

    /** Token ids of the text; special tokens written in the text (e.g. {@code <|im_end|>}) become their single ids. */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    public String decode(long[] ids, boolean skipSpecial) {
        return tokenizer.decode(ids, skipSpecial);
    }

    /** Base vocabulary plus added tokens; a model's embedding table may be larger (padded). */
    public int vocabSize() {
        return vocabSize;
    }

    public long eosId() {
        return eosId;
    }

    /** tokenizer_config.json's pad_token, or the eos id when it has none. */
    public long padId() {
        return padId;
    }

    /** Null when the tokenizer has no bos_token (Qwen-style). */
    public Long bosId() {
        return bosId;
    }

    /** Ids that end generation: the eos id, then generation_config.json's eos_token_id entries. */
    public long[] stopIds() {
        return stopIds.clone();
    }

    public ChatTemplate chatTemplate() {
        if (chatTemplate == null) {
            throw new BadInputException("no chat template: " + modelDir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON)
                    + " has no chat_template and there is no " + modelDir.resolve(TokenizerFiles.CHAT_TEMPLATE_JINJA));
        }
        return chatTemplate;
    }

    public long[] encodeChat(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return encode(chatTemplate().render(messages, addGenerationPrompt));
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static HuggingFaceTokenizer openNative(Path file, byte[] json) {
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), NATIVE_OPTIONS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // the native library reports a malformed tokenizer as a plain RuntimeException
            throw new BadInputException("invalid tokenizer in " + file + ": " + e.getMessage(), e);
        }
    }

    /** A special token in tokenizer_config.json: a string, an AddedToken object with "content", or null. */
    private static String tokenText(JsonNode config, String field, Path configFile) {
        JsonNode value = config.path(field);
        if (value.isMissingNode() || value.isNull()) return null;
        if (value.isTextual()) return value.asText();
        if (value.path("content").isTextual()) return value.path("content").asText();
        throw new BadInputException(configFile + " " + field + " must be a string, an object with \"content\", or null");
    }

    private static long[] generationEosIds(JsonNode generation, Path file, int vocabSize) {
        JsonNode value = generation == null ? null : generation.get("eos_token_id");
        if (value == null || value.isNull()) return new long[0];
        JsonNode items = value.isArray() ? value : JsonFiles.MAPPER.createArrayNode().add(value);
        long[] ids = new long[items.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode item = items.get(i);
            if (!item.isIntegralNumber() || item.asLong() < 0 || item.asLong() >= vocabSize) {
                throw new BadInputException(file + " eos_token_id must be a token id or a list of token ids below "
                        + vocabSize + ", got " + value);
            }
            ids[i] = item.asLong();
        }
        return ids;
    }

    /** tokenizer_config.json's chat_template (a string, or a list of named templates), else chat_template.jinja. */
    private static ChatTemplate chatTemplate(JsonNode config, Path configFile, Path modelDir, String bos, String eos) {
        JsonNode value = config.path("chat_template");
        if (value.isTextual()) return new ChatTemplate(value.asText(), configFile + " chat_template", bos, eos);
        if (value.isArray()) {
            for (JsonNode named : value) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    return new ChatTemplate(named.path("template").asText(), configFile + " chat_template 'default'", bos, eos);
                }
            }
            throw new BadInputException(configFile + " chat_template lists no template named 'default'");
        }
        Path jinja = modelDir.resolve(TokenizerFiles.CHAT_TEMPLATE_JINJA);
        if (!Files.isRegularFile(jinja)) return null;
        try {
            return new ChatTemplate(Files.readString(jinja, StandardCharsets.UTF_8), jinja.toString(), bos, eos);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jinja + ": " + e.getMessage(), e);
        }
    }
}
