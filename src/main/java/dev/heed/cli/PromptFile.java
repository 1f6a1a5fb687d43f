package dev.heed.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import dev.heed.model.tokenizer.ChatMessage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The prompts of `heed generate`: JSONL rows with a {@code prompt} string or a chat {@code messages} list, and an optional {@code seed}. */
final class PromptFile {
    private PromptFile() {}

    /** One row; {@code messages} is null for a plain prompt. {@code original} is echoed back in the output. */
    record Row(String where, JsonNode original, String prompt, List<ChatMessage> messages, Long seed) {}

    static List<Row> read(Path file) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": file not found");
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                rows.add(parse(file + ":" + lineNo, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) throw new BadInputException(file + ": no prompts");
        return rows;
    }

    private static Row parse(String where, String line) {
        JsonNode row;
        try {
            row = JsonFiles.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadInputException(where + ": invalid JSON: " + e.getOriginalMessage());
        }
        if (row == null || !row.isObject()) throw new BadInputException(where + ": expected a JSON object");
        Long seed = null;
        JsonNode s = row.get("seed");
        if (s != null && !s.isNull()) {
            if (!s.canConvertToLong() || !s.isIntegralNumber()) throw new BadInputException(where + ": seed: must be an integer, got " + s);
            seed = s.asLong();
        }
        JsonNode prompt = row.get("prompt"), messages = row.get("messages");
        if (prompt != null && messages != null) throw new BadInputException(where + ": has both prompt and messages; give one");
        if (prompt != null) {
            if (!prompt.isTextual()) throw new BadInputException(where + ": prompt: must be a string, got " + prompt.getNodeType());
            return new Row(where, prompt, prompt.asText(), null, seed);
        }
        if (messages == null) throw new BadInputException(where + ": missing prompt (or messages)");
        if (!messages.isArray() || messages.isEmpty()) throw new BadInputException(where + ": messages: must be a non-empty list");
        List<ChatMessage> chat = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            JsonNode role = m.get("role"), content = m.get("content");
            if (!m.isObject() || role == null || !role.isTextual() || content == null || !content.isTextual())
                throw new BadInputException(where + ": messages[" + i + "]: expected {\"role\": string, \"content\": string}");
            chat.add(new ChatMessage(role.asText(), content.asText()));
        }
        return new Row(where, messages, null, chat, seed);
    }
}
