package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NLTK's documented outputs, and the rules of NLTKWordTokenizer one at a time. */
class TreebankWordTokenizerTest {
    private final TreebankWordTokenizer tokenizer = new TreebankWordTokenizer();

    @Test
    void nltkDocumentationExample() {
        assertEquals(List.of("Good", "muffins", "cost", "$", "3.88", "(", "roughly", "3,36", "euros", ")", "in", "New",
                "York.", "Please", "buy", "me", "two", "of", "them.", "Thanks", "."),
                tokenizer.tokenize("Good muffins cost $3.88 (roughly 3,36 euros)\nin New York.  Please buy me\n"
                        + "two of them.\nThanks."));
    }

    @Test
    void splitsCliticsAndContractions() {
        assertEquals(List.of("They", "'ll", "say", "``", "ca", "n't", "''", "'t", "is", "gon", "na", "wan", "na", "go",
                "."), tokenizer.tokenize("They'll say \"can't\" 'tis gonna wanna go."));
        assertEquals(List.of("John", "'s", "CAN", "NOT", "be", "'T", "was", "d", "'ye"),
                tokenizer.tokenize("John's CANNOT be 'Twas d'ye"));
    }

    @Test
    void unicodeQuotesAndDashes() {
        assertEquals(List.of("“", "Hello", ",", "”", "she", "said", "--", "then", "left", "."),
                tokenizer.tokenize("“Hello,” she said--then left."));
        assertEquals(List.of("a", "...", "b", "?", "!"), tokenizer.tokenize("a...b?!"));
        assertEquals(List.of("10:30", ",", "3,000", "items", ":", "x", ";", "y"),
                tokenizer.tokenize("10:30, 3,000 items: x; y"));
    }

    @Test
    void emptyAndBlankSentences() {
        assertEquals(List.of(), tokenizer.tokenize(""));
        assertEquals(List.of(), tokenizer.tokenize(" \n\t"));
    }
}
