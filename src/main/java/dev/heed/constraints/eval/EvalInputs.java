package dev.heed.constraints.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the evaluator's two JSONL inputs; every problem is reported as {@code file:line: field: what}. */
public final class EvalInputs {
    private EvalInputs() {}

    /** A prompts file in IFEval's input format. */
    public static List<EvalPrompt> readPrompts(Path file) {
        List<EvalPrompt> prompts = new ArrayList<>();
        forEachRow(file, (where, row) -> {
            String prompt = text(where, row, "prompt");
            JsonNode ids = array(where, row, "instruction_id_list");
            JsonNode kwargs = array(where, row, "kwargs");
            if (ids.size() != kwargs.size()) {
                throw new BadInputException(where + ": kwargs: has " + kwargs.size() + " entries but instruction_id_list has "
                        + ids.size());
            }
            List<String> idList = new ArrayList<>();
            List<JsonNode> kwargsList = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!ids.get(i).isTextual()) {
                    throw new BadInputException(where + ": instruction_id_list[" + i + "]: must be a string, got " + ids.get(i));
                }
                JsonNode kw = kwargs.get(i);
                if (!kw.isObject() && !kw.isNull()) {
                    throw new BadInputException(where + ": kwargs[" + i + "]: must be an object, got " + kw);
                }
                idList.add(ids.get(i).asText());
                kwargsList.add(kw);
            }
            prompts.add(new EvalPrompt(where, row.get("key"), prompt, idList, kwargsList));
        });
        if (prompts.isEmpty()) {
            throw new BadInputException(file + ": no prompts");
        }
        return prompts;
    }

    /** A responses file: rows with {@code prompt} and {@code response}; a repeated prompt keeps its last response, as the reference's dict does. */
    public static Map<String, String> readResponses(Path file) {
        Map<String, String> responses = new HashMap<>();
        forEachRow(file, (where, row) -> responses.put(text(where, row, "prompt"), text(where, row, "response")));
        return responses;
    }

    private interface RowHandler {
        void accept(String where, JsonNode row);
    }

    private static void forEachRow(Path file, RowHandler handler) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": file not found");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + lineNo;
                JsonNode row;
                try {
                    row = JsonFiles.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new BadInputException(where + ": invalid JSON: " + e.getOriginalMessage());
                }
                if (row == null || !row.isObject()) {
                    throw new BadInputException(where + ": expected a JSON object");
                }
                handler.accept(where, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(String where, JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            throw new BadInputException(where + ": " + field + ": missing");
        }
        if (!v.isTextual()) {
            throw new BadInputException(where + ": " + field + ": must be a string, got " + v.getNodeType());
        }
        return v.asText();
    }

    private static JsonNode array(String where, JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || !v.isArray()) {
            throw new BadInputException(where + ": " + field + ": " + (v == null ? "missing" : "must be a list"));
        }
        return v;
    }
}
