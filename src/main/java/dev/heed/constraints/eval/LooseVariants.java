package dev.heed.constraints.eval;

import dev.heed.constraints.text.PythonText;
import java.util.List;

/**
 * The eight variants loose evaluation tries, in the reference's order: the response; without '*';
 * without its first line; without its last line; without both; and the last three without '*'. Lines
 * are split on '\n' and the trimmed variants are stripped of surrounding whitespace.
 */
public final class LooseVariants {
    private LooseVariants() {}

    public static List<String> of(String response) {
        List<String> lines = PythonText.split(response, "\n");
        int n = lines.size();
        String withoutFirst = PythonText.strip(String.join("\n", lines.subList(Math.min(1, n), n)));
        String withoutLast = PythonText.strip(String.join("\n", lines.subList(0, Math.max(0, n - 1))));
        // Python's r[1:-1] is empty when there are fewer than three pieces.
        String withoutBoth = n < 2 ? "" : PythonText.strip(String.join("\n", lines.subList(1, n - 1)));
        return List.of(response, response.replace("*", ""), withoutFirst, withoutLast, withoutBoth,
                withoutFirst.replace("*", ""), withoutLast.replace("*", ""), withoutBoth.replace("*", ""));
    }
}
