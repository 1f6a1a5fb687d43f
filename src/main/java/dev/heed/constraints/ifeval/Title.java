package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code detectable_format:title}: a non-blank title in double angle brackets, {@code <<like this>>}, on one line. */
final class Title extends IfevalConstraint {
    static final String ID = "detectable_format:title";

    private Title(Map<String, Object> kwargs) {
        super(ID, kwargs);
    }

    static Title create(Kwargs kw) {
        return new Title(kw.done());
    }

    /**
     * {@code re.findall(r"<<[^\n]+>>")}: on each line the greedy match runs from the first "<<" to the
     * last ">>" that leaves at least one character between them, and nothing else on that line can
     * match. So each line holds at most one candidate.
     */
    @Override
    public boolean check(String response) {
        int n = response.length();
        for (int lineStart = 0; lineStart <= n; ) {
            int lineEnd = response.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            int open = lineStart;
            while (open + 1 < lineEnd && !(response.charAt(open) == '<' && response.charAt(open + 1) == '<')) {
                open++;
            }
            int close = lineEnd - 2;
            while (close >= open + 3 && !(response.charAt(close) == '>' && response.charAt(close + 1) == '>')) {
                close--;
            }
            if (open + 1 < lineEnd && close >= open + 3) {
                String title = response.substring(open, close + 2);
                if (!PythonText.strip(PythonText.rstrip(PythonText.lstrip(title, "<"), ">")).isEmpty()) {
                    return true;
                }
            }
            lineStart = lineEnd + 1;
        }
        return false;
    }

    @Override
    public String describe() {
        return "Give your response a title wrapped in double angle brackets, such as <<a day at sea>>.";
    }
}
