package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.List;
import java.util.Map;

/**
 * {@code length_constraints:nth_paragraph_first_word}: exactly N non-blank paragraphs separated by
 * blank lines ({@code "\n\n"}), and paragraph i (counted over all pieces, blank ones included, as the
 * reference indexes them) starts with the given word, compared lowercase up to the first punctuation.
 */
final class NthParagraphFirstWord extends IfevalConstraint {
    static final String ID = "length_constraints:nth_paragraph_first_word";
    private static final String STOP = ".,?!'\"";
    private final int paragraphs;
    private final int nth;
    private final String firstWord;

    private NthParagraphFirstWord(Map<String, Object> kwargs, int paragraphs, int nth, String firstWord) {
        super(ID, kwargs);
        this.paragraphs = paragraphs;
        this.nth = nth;
        this.firstWord = firstWord;
    }

    static NthParagraphFirstWord create(Kwargs kw) {
        int paragraphs = kw.requiredInt("num_paragraphs", 0);
        int nth = kw.requiredInt("nth_paragraph", 1);
        if (nth > paragraphs) {
            throw kw.invalid("nth_paragraph", "must be at most num_paragraphs (" + paragraphs + "), got " + nth);
        }
        String firstWord = PythonText.lower(kw.requiredString("first_word"));
        return new NthParagraphFirstWord(kw.done(), paragraphs, nth, firstWord);
    }

    @Override
    public boolean check(String response) {
        List<String> pieces = PythonText.split(response, "\n\n");
        int count = 0;
        for (String piece : pieces) {
            if (!PythonText.strip(piece).isEmpty()) {
                count++;
            }
        }
        if (nth > count) {
            return false;
        }
        String paragraph = PythonText.strip(pieces.get(nth - 1));
        if (paragraph.isEmpty()) {
            return false;
        }
        String word = PythonText.lstrip(PythonText.lstrip(PythonText.split(paragraph).get(0), "'"), "\"");
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            if (STOP.indexOf(c) >= 0) {
                break;
            }
            first.append(PythonText.lower(new String(Character.toChars(c))));
            i += Character.charCount(c);
        }
        return count == paragraphs && first.toString().equals(firstWord);
    }

    @Override
    public String describe() {
        return "Write exactly " + paragraphs + " paragraphs separated by single blank lines, and begin paragraph "
                + nth + " with the word \"" + firstWord + "\".";
    }
}
