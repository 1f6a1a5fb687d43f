package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import java.util.Map;

/** {@code detectable_content:number_placeholders}: at least N {@code [placeholders]} (a '[' closed on the same line). */
final class Placeholders extends IfevalConstraint {
    static final String ID = "detectable_content:number_placeholders";
    private final int minimum;

    private Placeholders(Map<String, Object> kwargs, int minimum) {
        super(ID, kwargs);
        this.minimum = minimum;
    }

    static Placeholders create(Kwargs kw) {
        int minimum = kw.requiredInt("num_placeholders", 0);
        return new Placeholders(kw.done(), minimum);
    }

    /**
     * {@code len(re.findall(r"\[.*?\]", text))} in one pass: a '[' matches up to the first ']' before the
     * next newline. When a newline comes first, no '[' before it can match either, so scanning skips it.
     */
    static int count(String text) {
        int count = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (text.charAt(i) != '[') {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && text.charAt(j) != ']' && text.charAt(j) != '\n') {
                j++;
            }
            if (j < n && text.charAt(j) == ']') {
                count++;
            }
            i = j + 1;
        }
        return count;
    }

    @Override
    public boolean check(String response) {
        return count(response) >= minimum;
    }

    @Override
    public String describe() {
        return "Include at least " + minimum + " placeholders written in square brackets, like [name].";
    }
}
