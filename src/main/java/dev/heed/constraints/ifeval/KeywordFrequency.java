package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonRegex;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code keywords:frequency}: the keyword (a Python regex, case-insensitive) occurs less than / at least N times. */
final class KeywordFrequency extends IfevalConstraint {
    static final String ID = "keywords:frequency";
    private final PythonRegex keyword;
    private final int frequency;
    private final Relation relation;

    private KeywordFrequency(Map<String, Object> kwargs, PythonRegex keyword, int frequency, Relation relation) {
        super(ID, kwargs);
        this.keyword = keyword;
        this.frequency = frequency;
        this.relation = relation;
    }

    static KeywordFrequency create(Kwargs kw) {
        String raw = kw.requiredString("keyword");
        if (raw.isEmpty()) {
            throw kw.invalid("keyword", "must not be empty (the reference would pick a random word)");
        }
        PythonRegex keyword = Patterns.compile(kw, "keyword", PythonText.strip(raw), true, false);
        int frequency = kw.requiredInt("frequency", 0);
        Relation relation = Relation.read(kw, "relation");
        return new KeywordFrequency(kw.done(), keyword, frequency, relation);
    }

    @Override
    public boolean check(String response) {
        return relation.holds(keyword.count(response), frequency);
    }

    @Override
    public String describe() {
        return "Use the word \"" + keyword.source() + "\" " + relation.text() + " " + frequency
                + " times in your response.";
    }
}
