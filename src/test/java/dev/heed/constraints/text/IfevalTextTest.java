package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IfevalTextTest {
    @Test
    void countsRunsOfPythonWordCharacters() {
        assertEquals(0, IfevalText.countWords(""));
        assertEquals(4, IfevalText.countWords("word1, word2, word3, word4."));
        assertEquals(6, IfevalText.countWords("Hyphenated-word has two word counts."));
        assertEquals(3, IfevalText.countWords("snake_case 42 ½"));
        assertEquals(1, IfevalText.countWords("日本語のテキスト"));
        // A combining accent is not a word character, so it splits "cafe\u0301s" in two.
        assertEquals(2, IfevalText.countWords("cafe\u0301s"));
        assertEquals(2, IfevalText.countWords("naïve café"));
        assertEquals(1, IfevalText.countWords("\uD83D\uDE00 hi \uD83D\uDE00"));
    }

    @Test
    void splitsSentencesLikeIfevalsRuleBasedSplitter() {
        // Two-letter dotted forms ("p.m.") are always protected, so no sentence ends there.
        assertEquals(List.of("Dr. Who met Mr. Smith at 3.30 p.m. It was fine!", "Really?"),
                IfevalText.splitIntoSentences("Dr. Who met Mr. Smith at 3.30 p.m. It was fine! Really?"));
        assertEquals(List.of("Wait...", "what?"), IfevalText.splitIntoSentences("Wait... what?"));
        assertEquals(List.of(), IfevalText.splitIntoSentences("   "));
    }
}
