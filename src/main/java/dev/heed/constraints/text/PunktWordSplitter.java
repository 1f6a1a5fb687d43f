package dev.heed.constraints.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Punkt's own word split (not the Treebank one): it separates punctuation from words but keeps a
 * word's final period attached, since that period is what Punkt classifies. A hand-written scanner
 * with the same results as NLTK's English word regex, scanning each line once.
 */
final class PunktWordSplitter {
    private PunktWordSplitter() {}

    /** The words of every line, in order; a newline always ends a word. */
    static List<PunktToken> split(String text) {
        List<PunktToken> tokens = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            splitLine(text, lineStart, lineEnd, tokens);
            lineStart = lineEnd + 1;
        }
        return tokens;
    }

    private static void splitLine(String s, int from, int end, List<PunktToken> out) {
        int i = from;
        while (i < end) {
            char c = s.charAt(i);
            if (PythonText.isSpace(c)) {
                i++;
                continue;
            }
            int j = i + multiCharLength(s, i, end);
            if (j == i) {
                if (canStartWord(c)) {
                    // Shortest run of non-space characters that some word-ending context follows.
                    j = i + 1;
                    while (!endsWordAt(s, j, end)) {
                        j++;
                    }
                } else {
                    j = i + 1; // only ASCII characters are excluded from starting a word
                }
            }
            out.add(new PunktToken(s.substring(i, j)));
            i = j;
        }
    }

    /** Characters that never belong inside a word. */
    static boolean isNonWord(char c) {
        switch (c) {
            case ')': case '"': case ';': case '}': case ']': case '*': case ':': case '@': case '\'':
            case '(': case '{': case '[': case '?': case '!':
                return true;
            default:
                return false;
        }
    }

    private static boolean canStartWord(char c) {
        switch (c) {
            case '(': case '"': case '`': case '{': case '[': case ':': case ';': case '&': case '#':
            case '*': case '@': case ')': case '}': case ']': case '-': case ',':
                return false;
            default:
                return true;
        }
    }

    /** A word ends before whitespace, the line end, a non-word character, multi-character punctuation, or a final comma. */
    private static boolean endsWordAt(String s, int j, int end) {
        if (j >= end) {
            return true;
        }
        char c = s.charAt(j);
        if (PythonText.isSpace(c) || isNonWord(c) || startsMultiChar(s, j, end)) {
            return true;
        }
        if (c != ',') {
            return false;
        }
        int k = j + 1;
        return k >= end || PythonText.isSpace(s.charAt(k)) || isNonWord(s.charAt(k)) || startsMultiChar(s, k, end);
    }

    private static boolean startsMultiChar(String s, int i, int end) {
        if (i + 1 >= end) {
            return false;
        }
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        if ((a == '-' && b == '-') || (a == '.' && b == '.')) {
            return true;
        }
        return a == '.' && PythonText.isSpace(b) && i + 4 < end && s.charAt(i + 2) == '.'
                && PythonText.isSpace(s.charAt(i + 3)) && s.charAt(i + 4) == '.';
    }

    /** Length of a dash run, a period run, or a spaced ellipsis (". . .") at {@code i}; 0 if none. */
    private static int multiCharLength(String s, int i, int end) {
        if (!startsMultiChar(s, i, end)) {
            return 0;
        }
        char a = s.charAt(i);
        if (s.charAt(i + 1) == a) {
            int j = i + 2;
            while (j < end && s.charAt(j) == a) {
                j++;
            }
            return j - i;
        }
        // ". " repeated, then "."; the longest such run wins.
        int pairs = 0;
        while (i + 2 * pairs + 1 < end && s.charAt(i + 2 * pairs) == '.'
                && PythonText.isSpace(s.charAt(i + 2 * pairs + 1))) {
            pairs++;
        }
        boolean closed = i + 2 * pairs < end && s.charAt(i + 2 * pairs) == '.';
        return closed ? 2 * pairs + 1 : 2 * pairs - 1;
    }
}
