package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonRegex;
import java.util.ArrayList;
import java.util.List;

/** Compiles kwargs that the reference splices into regular expressions, naming the kwarg when one is not valid. */
final class Patterns {
    private Patterns() {}

    static PythonRegex compile(Kwargs kw, String key, String pattern, boolean ignoreCase, boolean multiline) {
        try {
            return PythonRegex.compile(pattern, ignoreCase, multiline);
        } catch (IllegalArgumentException e) {
            throw kw.invalid(key, "is used as a Python regular expression: " + e.getMessage());
        }
    }

    static List<PythonRegex> compileEach(Kwargs kw, String key, List<String> values, String before, String after,
            boolean ignoreCase) {
        List<PythonRegex> out = new ArrayList<>();
        for (String v : values) {
            out.add(compile(kw, key, before + v + after, ignoreCase, false));
        }
        return List.copyOf(out);
    }
}
