package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code length_constraints:number_paragraphs}: exactly N paragraphs separated by the markdown divider
 * {@code ***}. The reference splits on {@code \s?\*\*\*\s?}; blank pieces are allowed only at the two ends.
 */
final class DividedParagraphs extends IfevalConstraint {
    static final String ID = "length_constraints:number_paragraphs";
    private final int paragraphs;

    private DividedParagraphs(Map<String, Object> kwargs, int paragraphs) {
        super(ID, kwargs);
        this.paragraphs = paragraphs;
    }

    static DividedParagraphs create(Kwargs kw) {
        int paragraphs = kw.requiredInt("num_paragraphs", 0);
        return new DividedParagraphs(kw.done(), paragraphs);
    }

    @Override
    public boolean check(String response) {
        List<String> pieces = splitOnDividers(response);
        int count = pieces.size();
        for (int i = 0; i < pieces.size(); i++) {
            if (PythonText.strip(pieces.get(i)).isEmpty()) {
                if (i == 0 || i == pieces.size() - 1) {
                    count--;
                } else {
                    return false;
                }
            }
        }
        return count == paragraphs;
    }

    /**
     * {@code re.split(r"\s?\*\*\*\s?", text)}: at each position, one optional whitespace then "***" then
     * one optional whitespace; the leftmost match wins and scanning resumes after it.
     */
    static List<String> splitOnDividers(String text) {
        List<String> pieces = new ArrayList<>();
        int n = text.length();
        int pieceStart = 0;
        int i = 0;
        while (i < n) {
            int end = -1;
            if (PythonText.isSpace(text.charAt(i)) && text.startsWith("***", i + 1)) {
                end = i + 4;
            } else if (text.startsWith("***", i)) {
                end = i + 3;
            }
            if (end < 0) {
                i++;
                continue;
            }
            if (end < n && PythonText.isSpace(text.charAt(end))) {
                end++;
            }
            pieces.add(text.substring(pieceStart, i));
            pieceStart = end;
            i = end;
        }
        pieces.add(text.substring(pieceStart));
        return pieces;
    }

    @Override
    public String describe() {
        return "Write exactly " + paragraphs + " paragraphs, putting the markdown divider *** between consecutive "
                + "paragraphs.";
    }
}
