package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonRegex;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/**
 * {@code detectable_content:postscript}: the lowercased response contains the postscript marker.
 * "P.S." and "P.P.S" have fixed patterns that allow a space after each period; any other marker is
 * used as a Python regex, as in the reference. The reference wraps the marker in {@code \s*...(.*)$}
 * (multiline), which cannot change whether a match exists, so only the marker is searched: that keeps
 * the search linear on long runs of whitespace.
 */
final class Postscript extends IfevalConstraint {
    static final String ID = "detectable_content:postscript";
    private final String marker;
    private final PythonRegex pattern;

    private Postscript(Map<String, Object> kwargs, String marker, PythonRegex pattern) {
        super(ID, kwargs);
        this.marker = marker;
        this.pattern = pattern;
    }

    static Postscript create(Kwargs kw) {
        String marker = PythonText.strip(kw.requiredString("postscript_marker"));
        String regex = switch (marker) {
            case "P.P.S" -> "p\\.\\s?p\\.\\s?s";
            case "P.S." -> "p\\.\\s?s\\.";
            default -> PythonText.lower(marker);
        };
        PythonRegex pattern = Patterns.compile(kw, "postscript_marker", regex, false, true);
        return new Postscript(kw.done(), marker, pattern);
    }

    @Override
    public boolean check(String response) {
        return pattern.search(PythonText.lower(response));
    }

    @Override
    public String describe() {
        return "End your response with a postscript that begins with " + marker + ".";
    }
}
