package dev.heed.constraints.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The character classes and string helpers of Python 3's {@code str} and {@code re} (Unicode mode),
 * which the reference tokenizers are written in. Java's own {@code \s}, {@code \w} and
 * {@code String.strip} disagree with Python on many characters, so every port here goes through this
 * class instead.
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
}
