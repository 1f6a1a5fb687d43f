package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import java.util.List;

/** IFEval's two comparisons of a count against a threshold, spelled as in its kwargs. */
public enum Relation {
    LESS_THAN("less than"),
    AT_LEAST("at least");

    private final String text;

    Relation(String text) {
        this.text = text;
    }

    /** The kwarg spelling, e.g. {@code "less than"}. */
    public String text() {
        return text;
    }

    public boolean holds(long actual, long threshold) {
        return this == LESS_THAN ? actual < threshold : actual >= threshold;
    }

    public static Relation read(Kwargs kwargs, String key) {
        String s = kwargs.requiredChoice(key, List.of(LESS_THAN.text, AT_LEAST.text));
        return s.equals(LESS_THAN.text) ? LESS_THAN : AT_LEAST;
    }
}
