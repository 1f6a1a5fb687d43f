package dev.heed.constraints.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heed.constraints.ConstraintRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tagger's mechanics on a made-up model in NLTK's JSON layout (the real model is not shipped and
 * not installed here): dictionary words, feature scoring, the tie rule and word normalisation.
 */
class PerceptronTaggerTest {
    private static final PerceptronTagger TAGGER = new PerceptronTagger(
            Map.of("i word run", Map.of("VB", 2.0, "NN", 1.0),
                    "i+1 word fast", Map.of("NN", 1.5),
                    "i suffix ing", Map.of("VBG", 3.0),
                    "bias", Map.of("DT", 0.5)),
            Map.of("The", "DT"),
            List.of("DT", "NN", "VB", "VBG"));

    @Test
    void dictionaryWordsKeepTheirTag() {
        assertEquals("DT", TAGGER.firstTag(List.of("The", "run")));
    }

    @Test
    void otherWordsAreScoredFromTheirContext() {
        assertEquals("VB", TAGGER.firstTag(List.of("Run", "home")));
        // 1.0 + 1.5 for NN against 2.0 for VB.
        assertEquals("NN", TAGGER.firstTag(List.of("Run", "fast")));
        assertEquals("VBG", TAGGER.firstTag(List.of("Jumping")));
    }

    @Test
    void tiesGoToTheGreaterLabel() {
        PerceptronTagger tied = new PerceptronTagger(Map.of("bias", Map.of("NN", 1.0, "VB", 1.0)), Map.of(),
                List.of("VB", "NN"));
        assertEquals("VB", tied.firstTag(List.of("x")));
        // No feature known: every score is 0, and the greatest label wins.
        assertEquals("VBG", new PerceptronTagger(Map.of(), Map.of(), List.of("NN", "VBG", "DT")).firstTag(List.of("x")));
    }

    @Test
    void normalisesLikeNltk() {
        assertEquals("!HYPHEN", PerceptronTagger.normalize("well-known"));
        assertEquals("-x", PerceptronTagger.normalize("-x"));
        assertEquals("!YEAR", PerceptronTagger.normalize("1999"));
        assertEquals("!DIGITS", PerceptronTagger.normalize("3rd"));
        assertEquals("run", PerceptronTagger.normalize("Run"));
    }

    @Test
    void loadsTheJsonLayoutAndDrivesStartVerb(@TempDir Path nltk) throws Exception {
        Path dir = Files.createDirectories(nltk.resolve(PerceptronTagger.RESOURCE));
        Files.writeString(dir.resolve("averaged_perceptron_tagger_eng.weights.json"),
                "{\"i word run\": {\"VB\": 2.0}, \"bias\": {\"NN\": 1.0}}");
        Files.writeString(dir.resolve("averaged_perceptron_tagger_eng.tagdict.json"), "{\"Does\": \"VBZ\"}");
        Files.writeString(dir.resolve("averaged_perceptron_tagger_eng.classes.json"), "[\"NN\", \"VB\", \"VBZ\"]");
        // Punkt comes from the shared test copy.
        Path punkt = dev.heed.constraints.text.SharedTestData.nltkData().resolve("tokenizers");
        copyTree(punkt, nltk.resolve("tokenizers"));
        ConstraintRegistry registry = new ConstraintRegistry();
        IfbenchConstraints.registerAll(registry, nltk);
        var startVerb = registry.create("words:start_verb", null, "");
        assertTrue(startVerb.check("Does this sentence start with a verb?"));
        assertTrue(startVerb.check("Run, then rest."));
        assertFalse(startVerb.check("This sentence does not start with a verb."));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
