package dev.heed.constraints.ifeval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.eval.Followed;
import dev.heed.constraints.eval.LooseVariants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every checker, strict and loose, on a 1 MB response and on inputs built to trip quadratic scans or
 * regex backtracking. The timeout is generous on purpose: it catches super-linear behaviour, it is not
 * a speed target.
 */
class CheckerRobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final int N = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> KWARGS = Map.ofEntries(
            Map.entry("keywords:existence", "{\"keywords\": [\"banana\", \"c.t\"]}"),
            Map.entry("keywords:frequency", "{\"keyword\": \"the\", \"frequency\": 3, \"relation\": \"at least\"}"),
            Map.entry("keywords:forbidden_words", "{\"forbidden_words\": [\"apple\", \"pie\"]}"),
            Map.entry("keywords:letter_frequency", "{\"letter\": \"a\", \"let_frequency\": 5, \"let_relation\": \"less than\"}"),
            Map.entry("language:response_language", "{\"language\": \"en\"}"),
            Map.entry("length_constraints:number_sentences", "{\"num_sentences\": 5, \"relation\": \"less than\"}"),
            Map.entry("length_constraints:number_paragraphs", "{\"num_paragraphs\": 3}"),
            Map.entry("length_constraints:number_words", "{\"num_words\": 300, \"relation\": \"at least\"}"),
            Map.entry("length_constraints:nth_paragraph_first_word",
                    "{\"num_paragraphs\": 3, \"nth_paragraph\": 2, \"first_word\": \"then\"}"),
            Map.entry("detectable_content:number_placeholders", "{\"num_placeholders\": 2}"),
            Map.entry("detectable_content:postscript", "{\"postscript_marker\": \"P.P.S\"}"),
            Map.entry("detectable_format:number_bullet_lists", "{\"num_bullets\": 3}"),
            Map.entry("detectable_format:number_highlighted_sections", "{\"num_highlights\": 2}"),
            Map.entry("detectable_format:multiple_sections", "{\"section_spliter\": \"Section\", \"num_sections\": 3}"),
            Map.entry("combination:repeat_prompt", "{\"prompt_to_repeat\": \"Say hello.\"}"),
            Map.entry("startend:end_checker", "{\"end_phrase\": \"Any other questions?\"}"),
            Map.entry("change_case:capital_word_frequency", "{\"capital_frequency\": 3, \"capital_relation\": \"less than\"}"),
            Map.entry("multi-turn:constrained_start", "{\"starter\": \"My answer is\"}"),
            Map.entry("detectable_format:rephrase", "{\"original_message\": \"I am *happy*.\"}"),
            Map.entry("keywords:key_sentences", "{\"key_sentences\": [\"Puppies are fun.\"], \"num_sentences\": 1}"),
            Map.entry("detectable_content:rephrase_paragraph",
                    "{\"original_paragraph\": \"the sun is out\", \"low\": 1, \"high\": 3}"));

    private static Map<String, String> inputs() {
        Map<String, String> texts = new LinkedHashMap<>();
        String prose = "Mr. Smith said: \"It's 3.5 p.m., isn't it?\" (see [here]) -- *really* **so**. P.S. "
                + "Section 2 <<Title>>\n\n* item\n- dash\n*** \nCAPS WORDS here, ok? ******\n";
        texts.put("1 MB of prose", prose.repeat(1_000_000 / prose.length() + 1));
        texts.put("100k asterisks", "*".repeat(N));
        texts.put("asterisk pairs", "* ".repeat(N));
        texts.put("open highlights", "*a".repeat(N));
        texts.put("double stars then text", "**a*".repeat(N / 2));
        texts.put("100k-character line", "abc def, ghi".repeat(N / 12 + 1));
        texts.put("deeply nested JSON arrays", "[".repeat(N) + "]".repeat(N));
        texts.put("deeply nested JSON objects", "{\"a\":".repeat(N) + "1" + "}".repeat(N));
        texts.put("unclosed JSON", "```json\n" + "[1,".repeat(N));
        texts.put("long JSON number", "1".repeat(N));
        texts.put("open brackets", "[".repeat(N) + "\n");
        texts.put("open title", "<<".repeat(N) + "\n>>");
        texts.put("title chevrons", "<<>>".repeat(N / 4) + "<" + ">".repeat(N));
        texts.put("blank lines", "\n".repeat(N) + "x");
        texts.put("spaced blank lines", " \n".repeat(N) + "*");
        texts.put("dashes", "-".repeat(N));
        texts.put("whitespace run", " ".repeat(N) + "p. p. s");
        texts.put("dividers", "***".repeat(N / 3) + " *** ");
        texts.put("section digits", "Section " + "1".repeat(N) + " Section");
        texts.put("separators", "******".repeat(N / 6));
        texts.put("paragraph breaks", "\n\n".repeat(N / 2) + "Then");
        texts.put("periods", ". ".repeat(N));
        texts.put("emails and urls", "a@b.c http://x.y/".repeat(N / 16));
        texts.put("non-ASCII", "日本語のテキスト。Ǆ ß İ ".repeat(N / 16));
        return texts;
    }

    @Test
    void everyCheckerIsLinearOnAdversarialInput() throws Exception {
        ConstraintRegistry registry = ReferenceData.registryWithUnlisted();
        List<Constraint> constraints = new ArrayList<>();
        for (String id : registry.ids()) {
            String kwargs = KWARGS.getOrDefault(id, "{}");
            Constraint c = registry.create(id, JSON.readTree(kwargs), "Say hello.");
            assertFalse(c.describe().isBlank(), id + " describes itself");
            constraints.add(c);
        }
        for (Map.Entry<String, String> input : inputs().entrySet()) {
            String text = input.getValue();
            assertTimeoutPreemptively(LIMIT, () -> {
                List<String> variants = LooseVariants.of(text);
                for (Constraint c : constraints) {
                    try {
                        Followed.strict(c, text);
                        Followed.loose(c, variants);
                    } catch (dev.heed.config.BadInputException e) {
                        if (!c.id().equals("detectable_format:rephrase")) { // it rejects responses without *changes*
                            throw e;
                        }
                    }
                }
            }, input.getKey());
        }
    }
}
