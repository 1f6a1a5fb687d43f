package dev.heed.constraints.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.cli.Main;
import dev.heed.constraints.text.SharedTestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `heed eval ifbench` on IFBench's published sample output reproduces the reference evaluator's results
 * for every prompt it scores. Prompts are left out only for a stated reason, which the command reports:
 * no response (the sample covers 294 of the 300 prompts), or a constraint whose NLTK model (stopwords,
 * POS tagger) is not installed here.
 */
class IfbenchCliReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void reproducesTheReferenceResultsForEveryScoredPrompt() throws IOException {
        Path shared = SharedTestData.root();
        Path data = shared.resolve("ifbench");
        assumeTrue(Files.isDirectory(data), "reference data absent at " + data.toAbsolutePath() + "; skipping");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "eval", "ifbench",
                "--prompts", data.resolve("IFBench_test.jsonl").toString(),
                "--responses", data.resolve("sample_output.jsonl").toString(),
                "--out", out.toString(), "--allow-missing", "--nltk-data", shared.resolve("nltk_data").toString());
        assertEquals(Main.OK, code, stderr.toString());
        System.out.print(stdout);

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        int skipped = summary.get("skipped").size();
        for (JsonNode s : summary.get("skipped")) {
            String reason = s.get("reason").asText();
            assertTrue(reason.startsWith("no response") || reason.contains("is unavailable"), reason);
            assertTrue(stderr.toString().contains(reason), "skips are reported on stderr: " + reason);
        }
        for (String mode : List.of("strict", "loose")) {
            Map<String, JsonNode> ours = new HashMap<>();
            for (String line : Files.readAllLines(out.resolve("eval_results_" + mode + ".jsonl"))) {
                JsonNode row = JSON.readTree(line);
                ours.put(row.get("prompt").asText(), row);
            }
            assertEquals(300 - skipped, ours.size(), mode + ": every prompt is scored or reported as skipped");
            int agree = 0, instructions = 0, matched = 0;
            List<String> disagreements = new ArrayList<>();
            for (String line : Files.readAllLines(data.resolve("eval_results_" + mode + ".jsonl"))) {
                JsonNode ref = JSON.readTree(line);
                JsonNode row = ours.get(ref.get("prompt").asText());
                if (row == null) continue;
                matched++;
                for (int k = 0; k < ref.get("instruction_id_list").size(); k++) {
                    instructions++;
                    boolean want = ref.get("follow_instruction_list").get(k).asBoolean();
                    boolean got = row.get("follow_instruction_list").get(k).asBoolean();
                    if (want == got) agree++;
                    else disagreements.add(mode + " " + ref.get("instruction_id_list").get(k) + ": reference " + want
                            + ", heed " + got + " on: " + ref.get("prompt").asText().substring(0, 60));
                }
            }
            System.out.printf("IFBench %s: %d/%d instructions agree over %d prompts scored by both%n", mode, agree,
                    instructions, matched);
            assertTrue(matched >= 270, mode + ": most published rows are compared, got " + matched);
            assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
        }
    }
}
