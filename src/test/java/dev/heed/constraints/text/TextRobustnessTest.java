package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tokenizer must run in time linear in its input: a response is untrusted model output. The
 * timeout is generous on purpose; it catches quadratic or exponential behaviour, not slowness.
 */
class TextRobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final int N = 100_000;

    private static Map<String, String> adversarialTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        String prose = "Mr. Smith said: \"It's 3.5 p.m., isn't it?\" (J. Bach, U.S.A.) -- she didn't... "
                + "Wait!!! 'Tis the e.g. case; ok? “Quoted,” he wrote. See www.example.com.\n\n* item *bold*\n";
        texts.put("1 MB of prose", prose.repeat(1_000_000 / prose.length() + 1));
        texts.put("100k-character line", "abc,def".repeat(N / 7 + 1));
        texts.put("periods", ".".repeat(N));
        texts.put("spaced periods", ". ".repeat(N));
        texts.put("asterisks", "*".repeat(N));
        texts.put("exclamations then a word", "!".repeat(N) + " Next");
        texts.put("quotes", "'\"".repeat(N));
        texts.put("closing quotes after breaks", "a.) ".repeat(N));
        texts.put("period then whitespace", "end." + " \t".repeat(N));
        texts.put("words with final periods", "a. ".repeat(N) + "b");
        texts.put("dashes", "-".repeat(N));
        texts.put("colons and commas", ",:".repeat(N));
        texts.put("apostrophes and letters", "'s ".repeat(N));
        texts.put("one long word after a break", "Go. " + "x.".repeat(N));
        texts.put("newlines", "\n".repeat(N) + ".");
        return texts;
    }

    @Test
    void textHelpersWithoutModelDataAreLinear() {
        TreebankWordTokenizer treebank = new TreebankWordTokenizer();
        for (Map.Entry<String, String> e : adversarialTexts().entrySet()) {
            String text = e.getValue();
            assertTimeoutPreemptively(LIMIT, () -> {
                assertTrue(IfevalText.countWords(text) >= 0);
                treebank.tokenize(text);
                IfevalText.splitIntoSentences(text);
            }, e.getKey());
        }
    }

    @Test
    void punktAndWordTokenizeAreLinear() {
        NltkEnglish nltk = SharedTestData.nltk();
        for (Map.Entry<String, String> e : adversarialTexts().entrySet()) {
            String text = e.getValue();
            assertTimeoutPreemptively(LIMIT, () -> {
                nltk.sentTokenize(text);
                nltk.wordTokenize(text);
                assertTrue(nltk.countSentences(text) >= 0);
            }, e.getKey());
        }
    }
}
