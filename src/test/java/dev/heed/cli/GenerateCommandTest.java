package dev.heed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.JsonFiles;
import dev.heed.tensor.CpuThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `heed generate` end to end on a tiny model, and its input errors (exit 2, file:line, no stack trace). */
class GenerateCommandTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void createModel() {
        model = tmp.resolve("llama-tiny");
        CliRunner r = CliRunner.run("model", "init", "--arch", "llama", "--preset", "tiny", "--seed", "3", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void writesOneRowPerSampleWithLogprobsAndASummary() throws IOException {
        Path prompts = write("p.jsonl", "{\"prompt\": \"Write a haiku.\"}\n\n{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"seed\": 5}\n");
        Path out = tmp.resolve("out.jsonl");
        CliRunner r = CliRunner.run("generate", "--model", model.toString(), "--prompts", prompts.toString(), "--out", out.toString(),
                "--n", "2", "--temperature", "0.8", "--top-p", "0.9", "--max-new-tokens", "5", "--seed", "7", "--logprobs");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("2 prompts, 4 samples") && r.out().contains("tokens/s"), r.out());
        List<JsonNode> rows = rows(out);
        assertEquals(4, rows.size());
        assertEquals("Write a haiku.", rows.get(0).get("prompt").asText());
        assertTrue(rows.get(2).get("prompt").isArray());
        for (JsonNode row : rows) {
            assertTrue(row.get("response").isTextual());
            assertTrue(List.of("stop", "length").contains(row.get("finish_reason").asText()));
            assertEquals(row.get("response_ids").size(), row.get("logprobs").size());
            assertTrue(row.get("response_ids").size() >= 1 && row.get("response_ids").size() <= 5);
            assertTrue(row.get("prompt_ids").size() > 0);
            for (JsonNode lp : row.get("logprobs")) assertTrue(lp.asDouble() <= 0);
        }

        Path again = tmp.resolve("again.jsonl");
        CliRunner r2 = CliRunner.run("generate", "--model", model.toString(), "--prompts", prompts.toString(), "--out", again.toString(),
                "--n", "2", "--temperature", "0.8", "--top-p", "0.9", "--max-new-tokens", "5", "--seed", "7", "--batch", "1");
        assertEquals(0, r2.exitCode(), r2.err());
        List<JsonNode> second = rows(again);
        for (int i = 0; i < 4; i++) assertEquals(rows.get(i).get("response"), second.get(i).get("response"), "same seed, other batch size");
        assertFalse(second.get(0).has("logprobs"));
    }

    @Test
    void inputErrorsNameTheFileAndLine() throws IOException {
        expectBadInput(write("empty.jsonl", "\n\n"), "empty.jsonl: no prompts");
        expectBadInput(write("broken.jsonl", "{\"prompt\": \"ok\"}\n{\"prompt\": \n"), "broken.jsonl:2: invalid JSON");
        expectBadInput(write("field.jsonl", "{\"prompt\": \"ok\"}\n{\"text\": \"no\"}\n"), "field.jsonl:2: missing prompt");
        expectBadInput(write("type.jsonl", "{\"prompt\": 3}\n"), "type.jsonl:1: prompt: must be a string");
        expectBadInput(tmp.resolve("absent.jsonl"), "absent.jsonl: file not found");
        String huge = "word ".repeat(5000);
        expectBadInput(write("long.jsonl", "{\"prompt\": \"hi\"}\n{\"prompt\": \"" + huge + "\"}\n"), "long.jsonl:2: prompt has");
    }

    @Test
    void badSamplingOptionsExitTwo() throws IOException {
        Path prompts = write("one.jsonl", "{\"prompt\": \"x\"}\n");
        CliRunner r = CliRunner.run("generate", "--model", model.toString(), "--prompts", prompts.toString(),
                "--out", tmp.resolve("o.jsonl").toString(), "--top-p", "1.5");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("top_p"), r.err());
    }

    @Test
    void maxModelLenBoundsPromptPlusResponse() throws IOException {
        Path prompts = write("len.jsonl", "{\"prompt\": \"" + "abc ".repeat(10) + "\"}\n");
        Path out = tmp.resolve("len-out.jsonl");
        CliRunner refused = CliRunner.run("generate", "--model", model.toString(), "--prompts", prompts.toString(),
                "--out", out.toString(), "--max-model-len", "6");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("len.jsonl:1: prompt has") && refused.err().contains("context is 6"), refused.err());
        assertFalse(Files.exists(out));

        int threads = CpuThreads.intraOp();
        CliRunner r;
        try {
            r = CliRunner.run("generate", "--model", model.toString(), "--prompts", prompts.toString(), "--out", out.toString(),
                    "--max-model-len", "6", "--truncate-prompts", "--temperature", "0", "--logprobs", "--threads", "1");
            assertEquals(1, CpuThreads.intraOp(), "--threads sets the CPU thread count");
        } finally {
            CpuThreads.setIntraOp(threads); // the test JVM is shared
        }
        assertEquals(0, r.exitCode(), r.err());
        JsonNode row = rows(out).get(0);
        assertEquals(5, row.get("prompt_ids").size(), "the prompt keeps its last max-model-len - 1 tokens");
        assertEquals(1, row.get("response_ids").size(), "one token fits");
        assertEquals("length", row.get("finish_reason").asText());

        CliRunner zeroThreads = CliRunner.run("generate", "--model", model.toString(), "--prompts", prompts.toString(),
                "--out", out.toString(), "--threads", "0");
        assertEquals(2, zeroThreads.exitCode(), zeroThreads.err());
        assertTrue(zeroThreads.err().contains("--threads"), zeroThreads.err());
        CliRunner oneToken = CliRunner.run("generate", "--model", model.toString(), "--prompts", prompts.toString(),
                "--out", out.toString(), "--max-model-len", "1");
        assertEquals(2, oneToken.exitCode(), oneToken.err());
        assertTrue(oneToken.err().contains("max model length"), oneToken.err());
        assertFalse(oneToken.hasStackTrace(), oneToken.err());
    }

    private void expectBadInput(Path prompts, String message) {
        CliRunner r = CliRunner.run("generate", "--model", model.toString(), "--prompts", prompts.toString(),
                "--out", tmp.resolve("x.jsonl").toString(), "--max-new-tokens", "2");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertFalse(r.hasStackTrace(), r.err());
        assertFalse(Files.exists(tmp.resolve("x.jsonl")), "nothing written on bad input");
    }

    private static Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static List<JsonNode> rows(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) out.add(JsonFiles.MAPPER.readTree(line));
        return out;
    }
}
