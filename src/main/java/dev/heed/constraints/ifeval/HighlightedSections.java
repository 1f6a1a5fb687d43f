package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/**
 * {@code detectable_format:number_highlighted_sections}: at least N non-blank markdown highlights on one
 * line. As in the reference, {@code *x*} spans and {@code **x**} spans are counted by two separate
 * scans, so a bold span can count twice ({@code **x**} holds the empty {@code **} pair and also one
 * double span).
 */
final class HighlightedSections extends IfevalConstraint {
    static final String ID = "detectable_format:number_highlighted_sections";
    private final int minimum;

    private HighlightedSections(Map<String, Object> kwargs, int minimum) {
        super(ID, kwargs);
        this.minimum = minimum;
    }

    static HighlightedSections create(Kwargs kw) {
        int minimum = kw.requiredInt("num_highlights", 0);
        return new HighlightedSections(kw.done(), minimum);
    }

    @Override
    public boolean check(String response) {
        return count(response) >= minimum;
    }

    static int count(String text) {
        return countSpans(text, 1) + countSpans(text, 2);
    }

    /**
     * {@code re.findall(r"\*[^\n\*]*\*")} (width 1) or {@code r"\*\*[^\n\*]*\*\*"} (width 2), counting the
     * spans whose inside is not blank. The inside cannot contain '*', so each attempt scans a run that the
     * next successful attempt does not rescan: linear time.
     */
    private static int countSpans(String text, int width) {
        int n = text.length();
        int count = 0;
        int i = 0;
        while (i + 2 * width <= n) {
            if (!stars(text, i, width)) {
                i++;
                continue;
            }
            int j = i + width;
            while (j < n && text.charAt(j) != '\n' && text.charAt(j) != '*') {
                j++;
            }
            if (stars(text, j, width)) {
                if (!PythonText.strip(text.substring(i + width, j)).isEmpty()) {
                    count++;
                }
                i = j + width;
            } else {
                i++;
            }
        }
        return count;
    }

    private static boolean stars(String text, int at, int width) {
        if (at + width > text.length()) {
            return false;
        }
        for (int k = 0; k < width; k++) {
            if (text.charAt(at + k) != '*') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return "Highlight at least " + minimum + " parts of your response with markdown, like *this part*.";
    }
}
