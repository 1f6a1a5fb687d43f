package dev.heed.constraints.eval;

import java.util.List;

/** One prompt's outcome in one mode, with the fields of the reference's output rows. */
public record EvalResult(List<String> instructionIds, String prompt, String response, List<Boolean> followed) {
    public EvalResult {
        instructionIds = List.copyOf(instructionIds);
        followed = List.copyOf(followed);
    }

    public boolean followedAll() {
        return !followed.contains(false);
    }
}
