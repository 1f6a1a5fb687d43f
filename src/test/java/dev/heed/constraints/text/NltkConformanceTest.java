package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Agreement with the Python reference (NLTK 3.8, IFEval's instructions_util) on recorded outputs. */
class NltkConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void agreesOnEveryTokenizerCase() throws IOException {
        NltkEnglish nltk = SharedTestData.nltk();
        Path cases = SharedTestData.root().resolve("ifeval/tokenizer_cases.jsonl");
        Map<String, Integer> mismatches = new TreeMap<>(Map.of(
                "count_sentences", 0, "count_words", 0, "sent_tokenize", 0, "word_tokenize", 0));
        List<String> examples = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(cases)) {
            lineNo++;
            JsonNode row = JSON.readTree(line);
            String text = row.get("text").asText();
            String where = cases.getFileName() + ":" + lineNo;
            check(mismatches, examples, where, "count_sentences", row.get("count_sentences").asInt(),
                    nltk.countSentences(text));
            check(mismatches, examples, where, "count_words", row.get("count_words").asInt(),
                    IfevalText.countWords(text));
            check(mismatches, examples, where, "sent_tokenize", strings(row.get("sent_tokenize")),
                    nltk.sentTokenize(text));
            check(mismatches, examples, where, "word_tokenize", strings(row.get("word_tokenize")),
                    nltk.wordTokenize(text));
        }
        assertEquals(3179, lineNo, "tokenizer_cases.jsonl rows");
        System.out.println("tokenizer_cases mismatches per function: " + mismatches);
        assertTrue(examples.isEmpty(), "mismatches " + mismatches + "; first ones:\n" + String.join("\n", examples));
    }

    @Test
    void agreesOnIfevalUtilCases() throws IOException {
        NltkEnglish nltk = SharedTestData.nltk();
        int checked = 0;
        for (String line : Files.readAllLines(SharedTestData.root().resolve("ifeval/util_cases.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            String input = row.get("input").asText();
            JsonNode expected = row.get("expected");
            String function = row.get("function").asText();
            switch (function) {
                case "count_words" -> assertEquals(expected.asInt(), IfevalText.countWords(input), input);
                case "count_sentences" -> assertEquals(expected.asInt(), nltk.countSentences(input), input);
                case "split_into_sentences" -> assertEquals(strings(expected), IfevalText.splitIntoSentences(input));
                default -> throw new AssertionError("unknown function in util_cases.jsonl: " + function);
            }
            checked++;
        }
        assertEquals(9, checked);
    }

    private static void check(Map<String, Integer> mismatches, List<String> examples, String where, String function,
            Object expected, Object actual) {
        if (!expected.equals(actual)) {
            mismatches.merge(function, 1, Integer::sum);
            if (examples.size() < 5) {
                examples.add(where + " " + function + ": expected " + expected + " but got " + actual);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
