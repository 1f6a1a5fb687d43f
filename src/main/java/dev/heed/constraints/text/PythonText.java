package dev.heed.constraints.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Python 3's {@code str} methods and {@code re}'s character classes (Unicode mode), which the reference
 * checkers and tokenizers are written in. Java's own {@code \s}, {@code \w}, {@code String.strip} and
 * {@code String.split} disagree with Python on many inputs, and Java indexes UTF-16 units where Python
 * indexes code points, so every port goes through this class instead.
 */
public final class PythonText {
    private PythonText() {}

    /** {@code str.isspace()} and {@code re}'s {@code \s}: includes U+001C..U+001F and U+00A0, unlike Java. */
    public static boolean isSpace(int c) {
        if (c <= 0x20) {
            return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        }
        if (c < 0x85) {
            return false;
        }
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028
                || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** The six characters of {@code string.whitespace}; ASCII only, unlike {@link #isSpace}. */
    public static boolean isAsciiSpace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D);
    }

    /**
     * {@code re}'s {@code \w}: {@code str.isalnum()} or underscore. Letters and numbers only; combining
     * marks are not word characters in Python (they are in Java's Unicode {@code \w}).
     */
    public static boolean isWord(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    /** {@code re}'s {@code \d}: Unicode decimal digits. */
    public static boolean isDecimal(int c) {
        return c < 0x80 ? c >= '0' && c <= '9' : Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** {@code [^\W\d]}: a word character that is not a decimal digit (letters, other numerals, underscore). */
    public static boolean isAlphaLike(int c) {
        return isWord(c) && !isDecimal(c);
    }

    /** {@code str.isupper()} of one character (Java also counts Other_Uppercase, as Python does). */
    public static boolean isUpper(int c) {
        return Character.isUpperCase(c);
    }

    /** {@code str.islower()} of one character. */
    public static boolean isLower(int c) {
        return Character.isLowerCase(c);
    }

    /** {@code s.rstrip()}: the index just past the last non-space character. */
    public static int rstripEnd(CharSequence s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** {@code s.strip()}. */
    public static String strip(String s) {
        int start = 0;
        int end = rstripEnd(s);
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start, end);
    }

    /** {@code s.split()} with no separator: runs of whitespace separate, empty fields are dropped. */
    public static List<String> split(CharSequence s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.subSequence(start, i).toString());
            }
        }
        return out;
    }

    /** {@code s.lower()}: full Unicode lowercasing (U+0130 becomes "i\u0307"; final sigma), as Python does. */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** {@code s.isupper()}: at least one cased character and no lowercase or titlecase one. */
    public static boolean isUpper(String s) {
        return allOneCase(s, Character::isUpperCase, Character::isLowerCase);
    }

    /** {@code s.islower()}: at least one cased character and no uppercase or titlecase one. */
    public static boolean isLower(String s) {
        return allOneCase(s, Character::isLowerCase, Character::isUpperCase);
    }

    private static boolean allOneCase(String s, IntPredicate sameCase, IntPredicate otherCase) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (otherCase.test(c) || Character.isTitleCase(c)) {
                return false;
            }
            cased |= sameCase.test(c);
        }
        return cased;
    }

    /** {@code s.lstrip(chars)}: {@code chars} is a set of code points, not of UTF-16 units. */
    public static String lstrip(String s, String chars) {
        int start = 0;
        while (start < s.length() && containsCodePoint(chars, s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        return s.substring(start);
    }

    /** {@code s.rstrip(chars)}: {@code chars} is a set of code points, not of UTF-16 units. */
    public static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && containsCodePoint(chars, s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(0, end);
    }

    /** {@code s.strip(chars)}. */
    public static String strip(String s, String chars) {
        return lstrip(rstrip(s, chars), chars);
    }

    // String.indexOf(int) would find a lone surrogate inside a pair; Python compares whole code points.
    private static boolean containsCodePoint(String chars, int c) {
        for (int i = 0; i < chars.length(); ) {
            int x = chars.codePointAt(i);
            if (x == c) {
                return true;
            }
            i += Character.charCount(x);
        }
        return false;
    }

    /** {@code s.removeprefix(prefix)}. */
    public static String removePrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    /** {@code s.removesuffix(suffix)}. */
    public static String removeSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    /**
     * {@code s.split(sep)} with a literal separator: every field, empty ones included. An empty
     * {@code sep} raises, as Python's {@code ValueError: empty separator}.
     */
    public static List<String> split(String s, String sep) {
        if (sep.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int at; (at = s.indexOf(sep, from)) >= 0; from = at + sep.length()) {
            out.add(s.substring(from, at));
        }
        out.add(s.substring(from));
        return out;
    }

    /** {@code len(s)}: the number of code points. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** {@code re.findall(r'\w+', s)}: the maximal runs of word characters. */
    public static List<String> wordRuns(String s) {
        return runs(s, PythonText::isWord);
    }

    /** {@code re.findall(r'\d+', s)}: the maximal runs of decimal digits. */
    public static List<String> digitRuns(String s) {
        return runs(s, PythonText::isDecimal);
    }

    private static List<String> runs(String s, IntPredicate inRun) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean in = inRun.test(c);
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }
}
