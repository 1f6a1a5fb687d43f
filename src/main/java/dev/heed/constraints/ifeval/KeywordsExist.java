package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonRegex;
import java.util.List;
import java.util.Map;

/** {@code keywords:existence}: every keyword occurs, case-insensitively. Each keyword is a Python regex, as in the reference. */
final class KeywordsExist extends IfevalConstraint {
    static final String ID = "keywords:existence";
    private final List<String> keywords;
    private final List<PythonRegex> patterns;

    private KeywordsExist(Map<String, Object> kwargs, List<String> keywords, List<PythonRegex> patterns) {
        super(ID, kwargs);
        this.keywords = keywords;
        this.patterns = patterns;
    }

    static KeywordsExist create(Kwargs kw) {
        List<String> keywords = kw.requiredStringList("keywords");
        if (keywords.isEmpty()) {
            throw kw.invalid("keywords", "must not be empty (the reference would pick random words)");
        }
        List<PythonRegex> patterns = Patterns.compileEach(kw, "keywords", keywords, "", "", true);
        return new KeywordsExist(kw.done(), keywords, patterns);
    }

    @Override
    public boolean check(String response) {
        return patterns.stream().allMatch(p -> p.search(response));
    }

    @Override
    public String describe() {
        return "Make sure your response mentions each of these keywords: " + String.join(", ", keywords) + ".";
    }
}
