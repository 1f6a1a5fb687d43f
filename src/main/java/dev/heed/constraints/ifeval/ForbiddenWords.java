package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonRegex;
import java.util.List;
import java.util.Map;

/** {@code keywords:forbidden_words}: none of the words occurs as a whole word ({@code \b...\b}, case-insensitive). */
final class ForbiddenWords extends IfevalConstraint {
    static final String ID = "keywords:forbidden_words";
    private final List<String> words;
    private final List<PythonRegex> patterns;

    private ForbiddenWords(Map<String, Object> kwargs, List<String> words, List<PythonRegex> patterns) {
        super(ID, kwargs);
        this.words = words;
        this.patterns = patterns;
    }

    static ForbiddenWords create(Kwargs kw) {
        List<String> words = kw.requiredStringList("forbidden_words");
        if (words.isEmpty()) {
            throw kw.invalid("forbidden_words", "must not be empty (the reference would pick random words)");
        }
        List<PythonRegex> patterns = Patterns.compileEach(kw, "forbidden_words", words, "\\b", "\\b", true);
        return new ForbiddenWords(kw.done(), words, patterns);
    }

    @Override
    public boolean check(String response) {
        return patterns.stream().noneMatch(p -> p.search(response));
    }

    @Override
    public String describe() {
        return "Do not use any of these words in your response: " + String.join(", ", words) + ".";
    }
}
