package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonRegex;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/**
 * {@code multi-turn:constrained_start} (a reference class outside its registry): some line, after
 * optional whitespace, starts with the starter, a Python regex. The reference searches
 * {@code ^\s*STARTER.*$} (multiline); here the positions that {@code ^\s*} can reach are enumerated
 * once and the starter is tried at each, which keeps long whitespace runs linear.
 */
final class ConstrainedStart extends IfevalConstraint {
    static final String ID = "multi-turn:constrained_start";
    private final String starter;
    private final PythonRegex pattern;

    private ConstrainedStart(Map<String, Object> kwargs, String starter, PythonRegex pattern) {
        super(ID, kwargs);
        this.starter = starter;
        this.pattern = pattern;
    }

    static ConstrainedStart create(Kwargs kw) {
        String starter = PythonText.strip(kw.requiredString("starter"));
        PythonRegex pattern = Patterns.compile(kw, "starter", starter, false, true);
        return new ConstrainedStart(kw.done(), starter, pattern);
    }

    @Override
    public boolean check(String response) {
        int n = response.length();
        for (int lineStart = 0; lineStart <= n; ) {
            int q = lineStart;
            while (true) {
                if (pattern.matchesAt(response, q)) {
                    return true;
                }
                if (q == n || !PythonText.isSpace(response.charAt(q))) {
                    break;
                }
                q++;
            }
            // Line starts inside the whitespace just scanned reach no new position.
            int newline = response.indexOf('\n', q);
            if (newline < 0) {
                return false;
            }
            lineStart = newline + 1;
        }
        return false;
    }

    @Override
    public String describe() {
        return "Whenever it is your turn to speak, begin with \"" + starter + "\".";
    }
}
