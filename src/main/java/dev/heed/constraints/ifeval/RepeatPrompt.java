package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code combination:repeat_prompt}: the response begins with the request, repeated word for word (case-insensitive). */
final class RepeatPrompt extends IfevalConstraint {
    static final String ID = "combination:repeat_prompt";
    private final String prompt;
    private final String expectedStart;

    private RepeatPrompt(Map<String, Object> kwargs, String prompt) {
        super(ID, kwargs);
        this.prompt = prompt;
        this.expectedStart = PythonText.lower(PythonText.strip(prompt));
    }

    static RepeatPrompt create(Kwargs kw) {
        String prompt = kw.requiredString("prompt_to_repeat");
        if (prompt.isEmpty()) {
            throw kw.invalid("prompt_to_repeat", "must not be empty");
        }
        return new RepeatPrompt(kw.done(), prompt);
    }

    @Override
    public boolean check(String response) {
        return PythonText.lower(PythonText.strip(response)).startsWith(expectedStart);
    }

    @Override
    public String describe() {
        return "Before answering, repeat this request exactly as written, with nothing before it: " + prompt;
    }
}
