package dev.heed.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;
import java.nio.file.Path;

/** What Heed reads from a tokenizer.json itself, beside the native tokenizer: ids of named tokens and the vocab size. */
final class TokenizerJson {
    private final Path file;
    private final JsonNode addedTokens;
    private final JsonNode vocab;

    TokenizerJson(Path file, JsonNode root) {
        this.file = file;
        this.addedTokens = root.path("added_tokens");
        this.vocab = root.path("model").path("vocab");
        if (!vocab.isObject() && !vocab.isArray()) {
            throw new BadInputException(file + ": model.vocab is missing");
        }
    }

    /** One past the largest id: what transformers' len(tokenizer) reports. */
    int vocabSize() {
        long size = vocab.size();
        if (vocab.isObject()) {
            for (JsonNode id : vocab) size = Math.max(size, id.asLong() + 1);
        }
        for (JsonNode token : addedTokens) size = Math.max(size, token.path("id").asLong() + 1);
        return Math.toIntExact(size);
    }

    /** The id of a token named in a config file; {@code where} names that file and field. */
    long idOf(String token, String where) {
        for (JsonNode added : addedTokens) {
            if (token.equals(added.path("content").asText(null))) return added.path("id").asLong();
        }
        JsonNode id = vocab.isObject() ? vocab.get(token) : null;
        if (id == null || !id.canConvertToLong()) {
            throw new BadInputException(where + " is '" + token + "', which is not a token of " + file);
        }
        return id.asLong();
    }
}
