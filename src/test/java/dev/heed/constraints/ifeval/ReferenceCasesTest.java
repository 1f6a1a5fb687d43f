package dev.heed.constraints.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker cases of {@code ../shared/data/ifeval}: expected values come from the Python reference. */
class ReferenceCasesTest {
    @Test
    void unitCasesOfTheReferenceTestSuite() {
        runCases("ifeval/unit_cases.jsonl", 96);
    }

    @Test
    void edgeCasesRunThroughTheReference() {
        runCases("ifeval/edge_cases.jsonl", 73);
    }

    private static void runCases(String file, int expectedRows) {
        ConstraintRegistry registry = ReferenceData.registryWithUnlisted();
        List<JsonNode> rows = ReferenceData.jsonl(file);
        assertEquals(expectedRows, rows.size(), file + " rows");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String id = row.get("id").asText();
            String where = file + ":" + (i + 1) + " " + id + " " + row.get("kwargs");
            try {
                Constraint c = registry.create(id, row.get("kwargs"), null);
                boolean actual = c.check(row.get("response").asText());
                if (actual != row.get("expected").asBoolean()) {
                    failures.add(where + ": expected " + row.get("expected") + " for " + abbreviate(row.get("response")));
                }
            } catch (RuntimeException e) {
                failures.add(where + ": threw " + e);
            }
            checked++;
        }
        System.out.printf("%s: %d/%d cases agree%n", file, checked - failures.size(), checked);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void raisingCasesAreBadInput() {
        ConstraintRegistry registry = ReferenceData.registryWithUnlisted();
        List<JsonNode> rows = ReferenceData.jsonl("ifeval/unit_cases_errors.jsonl");
        assertEquals(4, rows.size());
        for (JsonNode row : rows) {
            String id = row.get("id").asText();
            BadInputException e = assertThrows(BadInputException.class, () -> {
                Constraint c = registry.create(id, row.get("kwargs"), null);
                if (row.get("call").asText().equals("check_following")) {
                    c.check(row.get("response").asText());
                }
            }, row.get("source").asText());
            assertTrue(e.getMessage().startsWith(id + ":"), "message names the id: " + e.getMessage());
        }
    }

    private static String abbreviate(JsonNode response) {
        String s = response.toString();
        return s.length() > 120 ? s.substring(0, 120) + "...\"" : s;
    }
}
