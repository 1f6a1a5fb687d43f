package dev.heed.constraints.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One row of an IFEval-format prompts file ({@code key}, {@code prompt}, {@code instruction_id_list},
 * {@code kwargs}); {@code where} is its {@code file:line}, for error messages.
 */
public record EvalPrompt(String where, JsonNode key, String prompt, List<String> instructionIds, List<JsonNode> kwargs) {
    public EvalPrompt {
        instructionIds = List.copyOf(instructionIds);
        kwargs = List.copyOf(kwargs);
    }
}
