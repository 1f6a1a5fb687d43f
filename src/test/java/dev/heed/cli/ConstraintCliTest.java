package dev.heed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `heed check` and `heed eval ifeval` as a user meets them: output, exit codes, error messages. */
class ConstraintCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void checkPrintsEachConstraintStrictAndLoose() throws IOException {
        Path response = Files.writeString(dir.resolve("r.txt"), "**Title**\nhello there, world");
        Run r = run("check", "--constraints",
                "[{\"id\": \"punctuation:no_comma\"}, {\"id\": \"keywords:existence\", \"kwargs\": {\"keywords\": [\"world\"]}},"
                        + " {\"id\": \"startend:quotation\"}]",
                "--response", response.toString());
        assertEquals(Main.OK, r.code(), r.err());
        // loose drops the last line, and with it the comma
        assertTrue(r.out().contains("FAIL   pass   punctuation:no_comma"), r.out());
        assertTrue(r.out().contains("pass   pass   keywords:existence"), r.out());
        assertTrue(r.out().contains("strict 1/3, loose 2/3 followed"), r.out());

        Run json = run("check", "--json", "--constraints",
                "{\"instruction_id_list\": [\"detectable_format:title\"], \"kwargs\": [{}]}", "--response", response.toString());
        assertEquals("{\"id\":\"detectable_format:title\",\"kwargs\":{},\"strict\":false,\"loose\":false}", json.out().strip());
    }

    @Test
    void checkRejectsBadKwargsWithTheIdAndKey() throws IOException {
        Path response = Files.writeString(dir.resolve("r.txt"), "x");
        Run r = run("check", "--constraints", "[{\"id\": \"keywords:letter_frequency\", \"kwargs\": {\"letter\": \"ab\", "
                + "\"let_frequency\": 1, \"let_relation\": \"at least\"}}]", "--response", response.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("keywords:letter_frequency: kwarg 'letter'"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void evalReportsTheFileLineAndFieldOfBadInput() throws IOException {
        Path prompts = Files.writeString(dir.resolve("p.jsonl"),
                "{\"key\": 1, \"prompt\": \"Say hi\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}\n"
                        + "{\"key\": 2, \"prompt\": \"Count\", \"instruction_id_list\": [\"length_constraints:number_words\"],"
                        + " \"kwargs\": [{\"num_words\": \"ten\", \"relation\": \"at least\"}]}\n");
        Path responses = Files.writeString(dir.resolve("r.jsonl"),
                "{\"prompt\": \"Say hi\", \"response\": \"hi\"}\n{\"prompt\": \"Count\", \"response\": \"one two\"}\n");
        Run bad = run("eval", "ifeval", "--prompts", prompts.toString(), "--responses", responses.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("p.jsonl:2: instruction_id_list[0]: length_constraints:number_words: kwarg 'num_words' "
                + "must be an integer"), bad.err());
        assertFalse(Files.exists(dir.resolve("out/summary.json")), "nothing written on bad input");

        Files.writeString(responses, "{\"prompt\": \"Say hi\", \"response\": 7}\n");
        Run badResponse = run("eval", "ifeval", "--prompts", prompts.toString(), "--responses", responses.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(Main.BAD_INPUT, badResponse.code());
        assertTrue(badResponse.err().contains("r.jsonl:1: response: must be a string"), badResponse.err());
    }

    @Test
    void evalWritesTheThreeFiles() throws IOException {
        Path prompts = Files.writeString(dir.resolve("p.jsonl"),
                "{\"key\": 1, \"prompt\": \"Say hi\", \"instruction_id_list\": [\"punctuation:no_comma\", "
                        + "\"startend:quotation\"], \"kwargs\": [{}, {}]}\n");
        Path responses = Files.writeString(dir.resolve("r.jsonl"), "{\"prompt\": \"Say hi\", \"response\": \"\\\"hi\\\"\\n*\"}\n");
        Run r = run("eval", "ifeval", "--prompts", prompts.toString(), "--responses", responses.toString(), "--out",
                dir.resolve("out").toString(), "--threads", "1");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("prompt-level strict       0.00000  (0/1)"), r.out());
        assertTrue(r.out().contains("prompt-level loose        1.00000  (1/1)"), r.out());
        assertEquals("{\"follow_all_instructions\": true, \"follow_instruction_list\": [true, true], \"instruction_id_list\": "
                + "[\"punctuation:no_comma\", \"startend:quotation\"], \"prompt\": \"Say hi\", \"response\": \"\\\"hi\\\"\\n*\"}",
                Files.readString(dir.resolve("out/eval_results_loose.jsonl")).strip());
        assertTrue(Files.readString(dir.resolve("out/summary.json")).contains("\"instruction_strict\" : 0.5"));
    }
}
