package dev.heed.constraints.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python {@code str} methods whose Java look-alikes differ: the case predicates over code points,
 * {@code strip(chars)}, and {@code split(sep)}, which keeps empty fields (Java's {@code String.split}
 * takes a regex and drops trailing empties).
 */
public final class PythonStr {
    private PythonStr() {}

    /** {@code s.lower()}: full Unicode lowercasing (U+0130 becomes "i\u0307"; final sigma), as Python does. */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** {@code s.isupper()}: at least one cased character and no lowercase or titlecase one. */
    public static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c);
        }
        return cased;
    }

    /** {@code s.islower()}: at least one cased character and no uppercase or titlecase one. */
    public static boolean isLower(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            cased |= Character.isLowerCase(c);
        }
        return cased;
    }

    /** {@code s.lstrip(chars)} for BMP {@code chars}. */
    public static String lstrip(String s, String chars) {
        int start = 0;
        while (start < s.length() && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        return s.substring(start);
    }

    /** {@code s.rstrip(chars)} for BMP {@code chars}. */
    public static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code s.strip(chars)} for BMP {@code chars}. */
    public static String strip(String s, String chars) {
        return lstrip(rstrip(s, chars), chars);
    }

    /** {@code s.removeprefix(prefix)}. */
    public static String removePrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    /** {@code s.removesuffix(suffix)} (an empty suffix removes nothing). */
    public static String removeSuffix(String s, String suffix) {
        return !suffix.isEmpty() && s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    /** {@code s.split(sep)} with a non-empty literal separator: every field, empty ones included. */
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
}
