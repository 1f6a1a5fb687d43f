package dev.heed.constraints.ifbench;

import dev.heed.constraints.text.PythonText;

import java.text.Normalizer;

/**
 * The text helpers IFBench's checkers need beyond {@link PythonText}'s {@code str} methods: punctuation,
 * code-point access, {@code isdigit}/{@code isalpha}, ASCII folding and {@code re}'s {@code \b}.
 */
final class IfbenchText {
    private IfbenchText() {}

    /** {@code string.punctuation}: the 32 ASCII punctuation characters. */
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** {@code string.punctuation + ' '}, the set IFBench strips words with. */
    static final String PUNCTUATION_SPACE = PUNCTUATION + " ";

    static boolean isPunctuation(int c) {
        return c < 0x80 && PUNCTUATION.indexOf(c) >= 0;
    }

    /** {@code s.translate(str.maketrans('', '', string.punctuation))}. */
    static String removePunctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isPunctuation(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code ''.join(s.split())}: every whitespace character removed. */
    static String removeWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!PythonText.isSpace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static int first(String s) {
        return s.codePointAt(0);
    }

    static int last(String s) {
        return s.codePointBefore(s.length());
    }

    /** {@code s[::-1]}. */
    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /** {@code s.count(sub)}: non-overlapping occurrences, {@code len(s) + 1} for an empty {@code sub}. */
    static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return PythonText.length(s) + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    /** {@code s.isdigit()}: non-empty and every character a decimal or other digit (superscripts too). */
    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int type = Character.getType(c);
            boolean digit = type == Character.DECIMAL_DIGIT_NUMBER || (type == Character.OTHER_NUMBER
                    && Character.getNumericValue(c) >= 0 && Character.getNumericValue(c) <= 9);
            if (!digit) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** {@code s.isalpha()} of one character: a letter of any category. */
    static boolean isAlpha(int c) {
        return Character.isLetter(c);
    }

    /** NFKD, then every non-ASCII character dropped ({@code encode('ASCII', 'ignore')}). */
    static String asciiFold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c < 0x80) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether a {@code \b} boundary lies before UTF-16 index {@code i} (Python's Unicode {@code \w}). */
    static boolean wordBoundary(String s, int i) {
        boolean before = i > 0 && PythonText.isWord(s.codePointBefore(i));
        boolean after = i < s.length() && PythonText.isWord(s.codePointAt(i));
        return before != after;
    }
}
