package dev.heed.constraints.ifbench;

import dev.heed.constraints.text.PythonText;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Python {@code str} operations IFBench's checkers are written with, on code points as Python
 * indexes them (Java indexes UTF-16 units). Whitespace and word classes come from {@link PythonText}.
 */
final class PyStr {
    private PyStr() {}

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

    /** {@code s.lower()}. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** {@code s.strip(chars)} for an ASCII {@code chars}. */
    static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    static String lstrip(String s, String chars) {
        int start = 0;
        while (start < s.length() && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        return s.substring(start);
    }

    static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code s.split(sep)} with a literal separator: empty pieces kept. */
    static List<String> split(String s, String sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    /** {@code s.split()}: whitespace-separated fields. */
    static List<String> words(String s) {
        return PythonText.split(s);
    }

    /** {@code s.strip()}. */
    static String strip(String s) {
        return PythonText.strip(s);
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

    /** {@code len(s)}: code points. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
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
            return length(s) + 1;
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

    /** {@code s.islower()}: no upper- or titlecase character and at least one lowercase one. */
    static boolean isLower(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            cased |= Character.isLowerCase(c);
            i += Character.charCount(c);
        }
        return cased;
    }

    /** {@code s.isupper()}: no lower- or titlecase character and at least one uppercase one. */
    static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c);
            i += Character.charCount(c);
        }
        return cased;
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

    /** {@code re.findall(r'\d+', s)}: maximal runs of Unicode decimal digits. */
    static List<String> digitRuns(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); ) {
            int c = i < s.length() ? s.codePointAt(i) : -1;
            boolean digit = c >= 0 && PythonText.isDecimal(c);
            if (digit && start < 0) {
                start = i;
            } else if (!digit && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            }
            i += c >= 0 ? Character.charCount(c) : 1;
        }
        return out;
    }

    /** Whether a {@code \b} boundary lies before UTF-16 index {@code i} (Python's Unicode {@code \w}). */
    static boolean wordBoundary(String s, int i) {
        boolean before = i > 0 && PythonText.isWord(s.codePointBefore(i));
        boolean after = i < s.length() && PythonText.isWord(s.codePointAt(i));
        return before != after;
    }
}
