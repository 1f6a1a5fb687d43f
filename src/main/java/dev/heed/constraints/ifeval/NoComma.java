package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import java.util.Map;

/** {@code punctuation:no_comma}: the response contains no ','. */
final class NoComma extends IfevalConstraint {
    static final String ID = "punctuation:no_comma";

    private NoComma(Map<String, Object> kwargs) {
        super(ID, kwargs);
    }

    static NoComma create(Kwargs kw) {
        return new NoComma(kw.done());
    }

    @Override
    public boolean check(String response) {
        return response.indexOf(',') < 0;
    }

    @Override
    public String describe() {
        return "Do not use a single comma anywhere in your response.";
    }
}
