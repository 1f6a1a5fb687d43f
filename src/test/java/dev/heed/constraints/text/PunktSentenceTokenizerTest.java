package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NLTK's documented Punkt English outputs and the reference's edge behaviour. */
class PunktSentenceTokenizerTest {
    private static NltkEnglish nltk;

    @BeforeAll
    static void load() {
        nltk = SharedTestData.nltk();
    }

    @Test
    void abbreviationsAndInitialsDoNotEndSentences() {
        assertEquals(List.of("Punkt knows that the periods in Mr. Smith and Johann S. Bach\ndo not mark sentence boundaries.",
                "And sometimes sentences\ncan start with non-capitalized words.", "i is a good variable\nname."),
                nltk.sentTokenize("Punkt knows that the periods in Mr. Smith and Johann S. Bach\ndo not mark sentence "
                        + "boundaries.  And sometimes sentences\ncan start with non-capitalized words.  i is a good "
                        + "variable\nname."));
    }

    @Test
    void closingPunctuationStaysWithItsSentence() {
        assertEquals(List.of("(How does it deal with this parenthesis?)", "\"It should be part of the\nprevious sentence.\"",
                "\"(And the same with this one.)\"", "('And this one!')", "\"('(And (this)) '?)\"", "[(and this. )]"),
                nltk.sentTokenize("(How does it deal with this parenthesis?)  \"It should be part of the\nprevious "
                        + "sentence.\" \"(And the same with this one.)\" ('And this one!')\n\"('(And (this)) '?)\" "
                        + "[(and this. )]"));
    }

    @Test
    void repeatedMarksShareOneDecision() {
        assertEquals(List.of("Very bad acting!!!", "I promise."), nltk.sentTokenize("Very bad acting!!! I promise."));
    }

    @Test
    void emptyAndTrailingWhitespace() {
        assertEquals(List.of(), nltk.sentTokenize(""));
        assertEquals(List.of(), nltk.sentTokenize(" \n "));
        assertEquals(List.of("One.", "Two."), nltk.sentTokenize("One. Two.  \n"));
        assertEquals(0, nltk.countSentences(""));
    }
}
