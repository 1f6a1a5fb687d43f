package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import java.util.List;
import java.util.Map;

/** {@code detectable_format:constrained_response}: the response contains one of the three fixed answers. */
final class ConstrainedResponse extends IfevalConstraint {
    static final String ID = "detectable_format:constrained_response";
    static final List<String> OPTIONS = List.of("My answer is yes.", "My answer is no.", "My answer is maybe.");

    private ConstrainedResponse(Map<String, Object> kwargs) {
        super(ID, kwargs);
    }

    static ConstrainedResponse create(Kwargs kw) {
        return new ConstrainedResponse(kw.done());
    }

    @Override
    public boolean check(String response) {
        // The reference strips first, which cannot change a substring test.
        return OPTIONS.stream().anyMatch(response::contains);
    }

    @Override
    public String describe() {
        return "Answer with exactly one of these sentences: " + String.join(" / ", OPTIONS);
    }
}
