package dev.heed.constraints.langdetect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Agreement with Python langdetect 1.0.9 ({@code DetectorFactory.seed = 0}). The expected file was
 * written by the Python library itself ({@code detect_langs} on crafted texts and on every text of
 * {@code ifeval/tokenizer_cases.jsonl}); rows that point into the shared data are skipped when it is absent.
 */
class LanguageDetectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPECTED = "/dev/heed/constraints/langdetect/python_langdetect_1.0.9_seed0.jsonl";

    @Test
    void agreesWithPythonLangdetect() throws IOException {
        assumeTrue(LanguageProfiles.pythonProfiles() != null,
                "Python langdetect's profiles are not installed (apt-get install python3-langdetect; ci/test.sh does): skipping");
        LanguageDetector detector = LanguageDetector.standard();
        List<String> sharedTexts = sharedTexts();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        double maxProbabilityError = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream(EXPECTED), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode row = JSON.readTree(line);
                String text;
                if (row.has("text")) {
                    text = row.get("text").asText();
                } else if (sharedTexts != null) {
                    String source = row.get("source").asText();
                    text = sharedTexts.get(Integer.parseInt(source.substring(source.lastIndexOf(':') + 1)) - 1);
                } else {
                    continue;
                }
                compared++;
                Optional<String> expected = row.get("detect").isNull() ? Optional.empty()
                        : Optional.of(row.get("detect").asText());
                Optional<String> actual = detector.detect(text);
                String label = row.has("source") ? row.get("source").asText() : "text " + abbreviate(text);
                if (!expected.equals(actual)) {
                    mismatches.add(label + ": expected " + expected + " but got " + actual);
                    continue;
                }
                if (expected.isPresent()) {
                    double[] probabilities = detector.probabilities(text);
                    for (JsonNode pair : row.get("probabilities")) {
                        int index = LanguageProfiles.LANGUAGES.indexOf(pair.get(0).asText());
                        maxProbabilityError = Math.max(maxProbabilityError,
                                Math.abs(pair.get(1).asDouble() - probabilities[index]));
                    }
                }
            }
        }
        System.out.printf("langdetect: %d texts compared, %d disagreements, max probability error %.3g%n",
                compared, mismatches.size(), maxProbabilityError);
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
        // Python sums the 55 probabilities in directory order, Heed in sorted order: only rounding may differ.
        assertTrue(maxProbabilityError < 1e-12, "max probability error " + maxProbabilityError);
    }

    @Test
    void answersTheReferenceUnitCases() {
        LanguageDetector detector = LanguageDetector.standard();
        assertEquals(Optional.of("es"), detector.detect("Desayunamos en McDonald's hoy"));
        assertEquals(Optional.empty(), detector.detect("1234 !!! ???"));
        assertEquals(55, LanguageDetector.languages().size());
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static List<String> sharedTexts() throws IOException {
        Path cases = Path.of(System.getProperty("heed.shared.data", "../shared/data"), "ifeval/tokenizer_cases.jsonl");
        if (!Files.isRegularFile(cases)) {
            System.out.println("langdetect: shared reference data absent at " + cases.toAbsolutePath()
                    + "; comparing the crafted texts only");
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(cases)) {
            texts.add(JSON.readTree(line).get("text").asText());
        }
        return texts;
    }
}
