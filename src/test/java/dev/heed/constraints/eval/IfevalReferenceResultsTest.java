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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `heed eval ifeval` on the GPT-4 responses published with IFEval reproduces the reference evaluator's
 * output files instruction by instruction and line by line. Two prompts are left out: in the reference
 * version that produced those files, {@code keywords:letter_frequency} replaced a non-letter
 * {@code letter} ('#' in key 1122, the Playboy tweet; '!' in key 1129, the "Sunnis ice cream" pitch)
 * with a random letter, so their recorded result is a coin toss (SOURCES.md).
 */
class IfevalReferenceResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The prompts of keys 1122 and 1129, by their opening words. */
    private static final List<String> RANDOM_LETTER_PROMPTS = List.of(
            "make a tweet for playboy's twitter account without using capital letters.",
            "Write a short startup pitch for a new kind of ice cream called \"Sunnis ice cream\".");

    @TempDir
    Path out;

    @Test
    void reproducesTheReferenceResults() throws IOException {
        Path shared = SharedTestData.root();
        Path ref = shared.resolve("ifeval/reference");
        assumeTrue(Files.isDirectory(ref), "reference data absent at " + ref.toAbsolutePath() + "; skipping");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "eval", "ifeval",
                "--prompts", ref.resolve("input_data_gpt4_20231107.jsonl").toString(),
                "--responses", ref.resolve("responses_gpt4_20231107.jsonl").toString(),
                "--out", out.toString(), "--nltk-data", shared.resolve("nltk_data").toString());
        assertEquals(Main.OK, code, stderr.toString());
        System.out.print(stdout);

        int excluded = 0;
        for (String mode : List.of("strict", "loose")) {
            List<String> expected = Files.readAllLines(ref.resolve("eval_results_" + mode + ".jsonl"));
            List<String> actual = Files.readAllLines(out.resolve("eval_results_" + mode + ".jsonl"));
            assertEquals(expected.size(), actual.size(), mode + " rows");
            int instructions = 0;
            int agree = 0;
            int identicalLines = 0;
            List<String> disagreements = new ArrayList<>();
            excluded = 0;
            for (int i = 0; i < expected.size(); i++) {
                JsonNode e = JSON.readTree(expected.get(i));
                JsonNode a = JSON.readTree(actual.get(i));
                assertEquals(e.get("prompt"), a.get("prompt"), mode + " row " + (i + 1));
                if (RANDOM_LETTER_PROMPTS.stream().anyMatch(p -> e.get("prompt").asText().startsWith(p))) {
                    excluded++;
                    continue;
                }
                identicalLines += expected.get(i).equals(actual.get(i)) ? 1 : 0;
                for (int k = 0; k < e.get("instruction_id_list").size(); k++) {
                    instructions++;
                    boolean want = e.get("follow_instruction_list").get(k).asBoolean();
                    boolean got = a.get("follow_instruction_list").get(k).asBoolean();
                    if (want == got) {
                        agree++;
                    } else {
                        disagreements.add(mode + " row " + (i + 1) + " " + e.get("instruction_id_list").get(k)
                                + ": reference " + want + ", heed " + got);
                    }
                }
            }
            System.out.printf("eval_results_%s.jsonl: %d/%d instructions agree (%d prompts, %d lines byte-identical; "
                    + "%d random-letter prompts excluded)%n", mode, agree, instructions, expected.size() - excluded,
                    identicalLines, excluded);
            disagreements.forEach(System.out::println);
            assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
            assertEquals(expected.size() - excluded, identicalLines, mode + ": every other line is byte-identical");
        }
        assertEquals(2, excluded, "both random-letter prompts found");

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        for (String key : Set.of("prompt_strict", "instruction_strict", "prompt_loose", "instruction_loose")) {
            assertTrue(summary.get(key).isDouble(), key);
        }
        assertEquals(541, summary.get("counts").get("prompts").asInt());
        assertEquals(834, summary.get("counts").get("instructions").asInt());
        // SOURCES.md: strict 416/541 prompts and 697/834 instructions; loose 429/541 and 712/834. The two
        // random-letter instructions may move these by at most their own count.
        Map<String, Integer> published = Map.of("prompt_strict", 416, "instruction_strict", 697, "prompt_loose", 429,
                "instruction_loose", 712);
        published.forEach((key, value) -> assertTrue(
                Math.abs(summary.get("counts").get(key).asInt() - value) <= 2, key + " " + summary.get("counts")));
    }
}
