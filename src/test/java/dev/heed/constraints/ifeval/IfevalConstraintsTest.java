package dev.heed.constraints.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.config.BadInputException;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintKind;
import dev.heed.constraints.ConstraintRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IfevalConstraintsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void standardRegistryHoldsTheTwentyFiveIds() {
        Set<String> ifeval = new TreeSet<>(IfevalConstraints.IDS);
        assertEquals(25, ifeval.size());
        assertTrue(ConstraintRegistry.standard().ids().containsAll(ifeval));
        assertFalse(ConstraintRegistry.standard().contains("detectable_format:rephrase"), "unlisted classes stay out");
    }

    @Test
    void kwargsAreValidatedByIdAndKey() throws Exception {
        ConstraintRegistry r = new ConstraintRegistry();
        IfevalConstraints.registerAll(r);
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> r.create("punctuation:no_comma", JSON.readTree("{\"comma\": 1}"), null));
        assertEquals("punctuation:no_comma: unknown kwarg 'comma'", unknown.getMessage());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> r.create("length_constraints:number_words", JSON.readTree("{\"num_words\": 3}"), null));
        assertEquals("length_constraints:number_words: kwarg 'relation' is required", missing.getMessage());
        BadInputException typed = assertThrows(BadInputException.class,
                () -> r.create("keywords:existence", JSON.readTree("{\"keywords\": \"cat\"}"), null));
        assertTrue(typed.getMessage().startsWith("keywords:existence: kwarg 'keywords' must be a list"), typed.getMessage());
        BadInputException relation = assertThrows(BadInputException.class, () -> r.create("keywords:frequency",
                JSON.readTree("{\"keyword\": \"a\", \"frequency\": 1, \"relation\": \"at most\"}"), null));
        assertTrue(relation.getMessage().contains("kwarg 'relation' must be one of"), relation.getMessage());
        BadInputException regex = assertThrows(BadInputException.class,
                () -> r.create("keywords:existence", JSON.readTree("{\"keywords\": [\"C**\"]}"), null));
        assertTrue(regex.getMessage().contains("kwarg 'keywords' is used as a Python regular expression"), regex.getMessage());
        BadInputException nth = assertThrows(BadInputException.class, () -> r.create(
                "length_constraints:nth_paragraph_first_word",
                JSON.readTree("{\"num_paragraphs\": 2, \"nth_paragraph\": 3, \"first_word\": \"so\"}"), null));
        assertTrue(nth.getMessage().contains("kwarg 'nth_paragraph' must be at most"), nth.getMessage());
        assertThrows(BadInputException.class,
                () -> r.create("language:response_language", JSON.readTree("{\"language\": \"xx\"}"), null));
    }

    @Test
    void everyConstraintDescribesItselfAndEchoesItsKwargs() throws Exception {
        ConstraintRegistry r = new ConstraintRegistry();
        IfevalConstraints.registerAll(r);
        Constraint c = r.create("keywords:letter_frequency",
                JSON.readTree("{\"letter\": \"Q\", \"let_frequency\": 2, \"let_relation\": \"at least\"}"), null);
        assertEquals(ConstraintKind.HARD, c.kind());
        assertEquals(JSON.readTree("{\"letter\": \"Q\", \"let_frequency\": 2, \"let_relation\": \"at least\"}"),
                JSON.valueToTree(c.kwargs()));
        assertTrue(c.describe().contains("'q'") && c.describe().contains("at least 2"), c.describe());
        assertTrue(c.check("q Q"));
        assertFalse(r.create("detectable_format:title", null, null).describe().isBlank());
    }
}
