package dev.heed.constraints.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.eval.Followed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The paper's training rows: every hard constraint's strict result on the {@code chosen} and
 * {@code rejected} responses of {@code verl-if/train.jsonl} equals the reference's in
 * {@code train_hard_reference.jsonl} (null marks a soft constraint, which no program checks).
 */
class VerlIfAgreementTest {
    @Test
    void agreesOnEveryHardConstraintOfTheTrainingSet() {
        List<JsonNode> rows = ReferenceData.jsonl("verl-if/train.jsonl");
        List<JsonNode> reference = ReferenceData.jsonl("verl-if/train_hard_reference.jsonl");
        assertEquals(rows.size(), reference.size());
        ConstraintRegistry registry = new ConstraintRegistry();
        IfevalConstraints.registerAll(registry, ReferenceData.root().resolve("nltk_data"));
        int compared = 0;
        Map<String, int[]> perId = new TreeMap<>(); // [agree, total]
        List<String> disagreements = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            JsonNode expected = reference.get(r);
            assertEquals(r, expected.get("row").asInt());
            JsonNode ids = row.get("instruction_id_list");
            for (int k = 0; k < ids.size(); k++) {
                String id = ids.get(k).asText();
                boolean hard = !expected.get("chosen").get(k).isNull();
                assertEquals(registry.contains(id), hard, "row " + r + " " + id + ": registered exactly when hard");
                if (!hard) {
                    continue;
                }
                Constraint c = registry.create(id, row.get("kwargs").get(k), row.get("prompt").asText());
                for (String side : List.of("chosen", "rejected")) {
                    boolean want = expected.get(side).get(k).asBoolean();
                    boolean got = Followed.strict(c, row.get(side).asText());
                    int[] t = perId.computeIfAbsent(id, x -> new int[2]);
                    t[1]++;
                    compared++;
                    if (want == got) {
                        t[0]++;
                    } else {
                        disagreements.add("row " + r + " " + side + " " + id + " " + c.kwargs() + ": reference " + want);
                    }
                }
            }
        }
        System.out.printf("verl-if train: %d/%d hard-constraint results agree%n", compared - disagreements.size(), compared);
        perId.forEach((id, t) -> System.out.printf("  %-46s %4d/%d%n", id, t[0], t[1]));
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements.subList(0, Math.min(20, disagreements.size()))));
    }
}
