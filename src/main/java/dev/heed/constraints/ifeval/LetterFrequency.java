package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/**
 * {@code keywords:letter_frequency}: how often one character occurs, ignoring case. Follows the newest
 * reference: any single non-whitespace character counts literally (older versions replaced a non-letter
 * with a random letter, which makes two IFEval prompts nondeterministic), and a longer string or a
 * negative frequency is an error.
 */
final class LetterFrequency extends IfevalConstraint {
    static final String ID = "keywords:letter_frequency";
    private final String letter;
    private final int frequency;
    private final Relation relation;

    private LetterFrequency(Map<String, Object> kwargs, String letter, int frequency, Relation relation) {
        super(ID, kwargs);
        this.letter = letter;
        this.frequency = frequency;
        this.relation = relation;
    }

    static LetterFrequency create(Kwargs kw) {
        String raw = kw.requiredString("letter");
        String stripped = PythonText.strip(raw);
        if (PythonText.length(stripped) != 1) {
            throw kw.invalid("letter", "must be a single non-whitespace character, got '" + raw + "'");
        }
        int frequency = kw.requiredInt("let_frequency");
        if (frequency < 0) {
            throw kw.invalid("let_frequency", "must be non-negative, got " + frequency);
        }
        Relation relation = Relation.read(kw, "let_relation");
        return new LetterFrequency(kw.done(), PythonText.lower(stripped), frequency, relation);
    }

    @Override
    public boolean check(String response) {
        // collections.Counter(response.lower())[letter]; a letter whose lowercase is two characters never matches one.
        int count = 0;
        if (PythonText.length(letter) == 1) {
            int target = letter.codePointAt(0);
            String lowered = PythonText.lower(response);
            for (int i = 0; i < lowered.length(); ) {
                int c = lowered.codePointAt(i);
                i += Character.charCount(c);
                if (c == target) {
                    count++;
                }
            }
        }
        return relation.holds(count, frequency);
    }

    @Override
    public String describe() {
        return "The character '" + letter + "' (in either case) should appear " + relation.text() + " " + frequency
                + " times in your response.";
    }
}
