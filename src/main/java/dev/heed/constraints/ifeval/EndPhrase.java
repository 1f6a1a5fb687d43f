package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code startend:end_checker}: the response ends with the phrase (case-insensitive, surrounding quotes ignored). */
final class EndPhrase extends IfevalConstraint {
    static final String ID = "startend:end_checker";
    private final String phrase;
    private final String expectedEnd;

    private EndPhrase(Map<String, Object> kwargs, String phrase) {
        super(ID, kwargs);
        this.phrase = phrase;
        this.expectedEnd = PythonText.lower(PythonText.strip(phrase));
    }

    static EndPhrase create(Kwargs kw) {
        String phrase = PythonText.strip(kw.requiredString("end_phrase"));
        return new EndPhrase(kw.done(), phrase);
    }

    @Override
    public boolean check(String response) {
        String s = PythonText.lower(PythonText.strip(PythonText.strip(response), "\""));
        return s.endsWith(expectedEnd);
    }

    @Override
    public String describe() {
        return "End your response with the exact phrase \"" + phrase + "\", with nothing after it.";
    }
}
