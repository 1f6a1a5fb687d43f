package dev.heed.constraints.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.config.BadInputException;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintKind;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.ConstraintUnavailableException;
import dev.heed.constraints.text.NltkData;
import dev.heed.constraints.text.SharedTestData;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IfbenchRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConstraintRegistry registry(Path nltkData) {
        ConstraintRegistry registry = new ConstraintRegistry();
        IfbenchConstraints.registerAll(registry, nltkData);
        return registry;
    }

    @Test
    void registersThe58IfbenchIds() {
        ConstraintRegistry registry = registry(null);
        assertEquals(new TreeSet<>(Set.of(IfbenchSamples.IDS)), registry.ids());
        assertEquals(58, registry.ids().size());
    }

    @Test
    void everyConstraintIsHardDescribedAndKeepsItsKwargs() {
        ConstraintRegistry registry = registry(SharedTestData.nltkData());
        for (Map.Entry<String, JsonNode> e : IfbenchSamples.all().entrySet()) {
            Constraint c;
            try {
                c = registry.create(e.getKey(), e.getValue(), "");
            } catch (ConstraintUnavailableException unavailable) {
                continue; // stopwords or tagger not installed
            }
            assertEquals(e.getKey(), c.id());
            assertEquals(ConstraintKind.HARD, c.kind());
            assertFalse(c.describe().isBlank(), e.getKey());
            assertEquals(JSON.convertValue(JSON.convertValue(c.kwargs(), JsonNode.class), Map.class).keySet(),
                    JSON.convertValue(e.getValue(), Map.class).keySet(), e.getKey());
        }
    }

    @Test
    void countsWrittenAsFloatsReadAsIntegers() throws Exception {
        Constraint c = registry(null).create("count:numbers", JSON.readTree("{\"N\": 3.0}"), "");
        assertEquals(3, c.kwargs().get("N"));
        assertTrue(c.check("1 2 3"));
        assertTrue(c.describe().contains("3"));
    }

    @Test
    void badKwargsNameTheIdAndTheKey() throws Exception {
        ConstraintRegistry registry = registry(null);
        assertMessage(registry, "count:numbers", "{\"N\": 2.5}", "count:numbers", "'N'");
        assertMessage(registry, "count:numbers", "{\"N\": \"3\"}", "count:numbers", "'N'");
        assertMessage(registry, "count:numbers", "{}", "count:numbers", "'N' is required");
        assertMessage(registry, "count:numbers", "{\"N\": 3, \"M\": 1}", "count:numbers", "unknown kwarg 'M'");
        assertMessage(registry, "count:words_japanese", "{\"N\": 0}", "count:words_japanese", "at least 1");
        assertMessage(registry, "ratio:overlap", "{\"reference_text\": \"x\", \"percentage\": -1}", "ratio:overlap",
                "'percentage'");
        assertMessage(registry, "sentence:keyword", "{\"word\": \" \", \"N\": 1}", "sentence:keyword", "'word'");
        assertMessage(registry, "repeat:repeat_span", "{\"prompt_to_repeat\": \"a b\", \"n_start\": -1, \"n_end\": 1}",
                "repeat:repeat_span", "'n_start'");
        assertMessage(registry, "format:emoji", "{\"x\": 1}", "format:emoji", "unknown kwarg 'x'");
    }

    private static void assertMessage(ConstraintRegistry registry, String id, String kwargs, String... parts)
            throws Exception {
        JsonNode node = JSON.readTree(kwargs);
        BadInputException e = assertThrows(BadInputException.class, () -> registry.create(id, node, ""));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void missingNltkDataMakesAConstraintUnavailableNotFalse(@TempDir Path empty) {
        ConstraintRegistry registry = registry(empty);
        for (String[] need : new String[][] {
            {"ratio:stop_words", "{\"percentage\": 20}", NltkResources.STOPWORDS},
            {"words:start_verb", "{}", NltkData.PUNKT_ENGLISH},
            {"count:pronouns", "{\"N\": 3}", NltkData.PUNKT_ENGLISH},
        }) {
            assumeTrue(notInstalled(need[2], empty), need[2] + " is installed on this machine");
            ConstraintUnavailableException e = assertThrows(ConstraintUnavailableException.class,
                    () -> registry.create(need[0], JSON.readTree(need[1]), ""));
            assertEquals(need[0], e.id());
            assertTrue(e.getMessage().contains(need[0]) && e.getMessage().contains(empty.toString()), e.getMessage());
        }
        // Constraints that need no NLTK data are unaffected.
        assertTrue(registry.create("format:no_whitespace", null, "").check("abc"));
    }

    @Test
    void taggerWithoutItsModelIsUnavailableEvenWithPunkt() throws Exception {
        Path shared = SharedTestData.nltkData();
        assumeTrue(notInstalled(PerceptronTagger.RESOURCE, shared), "the tagger is installed on this machine");
        ConstraintUnavailableException e = assertThrows(ConstraintUnavailableException.class,
                () -> registry(shared).create("words:start_verb", JSON.readTree("{}"), ""));
        assertTrue(e.getMessage().contains("averaged_perceptron_tagger_eng"), e.getMessage());
    }

    private static boolean notInstalled(String resource, Path override) {
        try {
            NltkData.find(resource, override);
            return false;
        } catch (BadInputException e) {
            return true;
        }
    }
}
