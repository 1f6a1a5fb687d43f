package dev.heed.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads JSON files users hand us, turning every problem into a {@link BadInputException} with file:line:column. */
public final class JsonFiles {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonFiles() {}

    public static byte[] readBytes(Path file) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": file not found");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The top-level JSON object in {@code bytes}, read from {@code file}. */
    public static JsonNode parseObject(Path file, byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new BadInputException(where + ": invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) throw new BadInputException(file + ": expected a JSON object");
        return root;
    }

    public static JsonNode readObject(Path file) {
        return parseObject(file, readBytes(file));
    }

    /** Null when the file does not exist. */
    public static JsonNode readObjectIfPresent(Path file) {
        return Files.exists(file) ? readObject(file) : null;
    }
}
