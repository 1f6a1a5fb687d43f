package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected counts are {@code len(re.findall(pattern, text, flags))} printed by CPython 3.11. */
class PythonRegexTest {
    private static int count(String pattern, String text, String flags) {
        return PythonRegex.compile(pattern, flags.contains("I"), flags.contains("M")).count(text);
    }

    @Test
    void unicodeClassesFollowPython() {
        assertEquals(1, count("\\bcat\\b", "concatenate cat", "I"));
        assertEquals(0, count("\\bcat\\b", "CAT\u00bd", "I")); // '½' is a word character in Python, not in Java's \b
        assertEquals(1, count("\\bcat\\b", "cat\u0301", "")); // a combining mark is not one in Python
        assertEquals(1, count("\\s", "\u001c", ""));
        assertEquals(1, count("\\s", "\u00a0", ""));
        assertEquals(1, count("\\d", "\u0663", ""));
        assertEquals(0, count("\\w", "\u0301", ""));
        assertEquals(1, count("\\w", "\u00b2", ""));
        assertEquals(0, count("[^\\s]", " ", ""));
        assertEquals(1, count("[\\w-]+", "-", ""));
    }

    @Test
    void anchorsAndDotFollowPython() {
        assertEquals(0, count("a.c", "a\nc", ""));
        assertEquals(1, count("a.c", "a\rc", "")); // Java's '.' would stop at '\r'
        assertEquals(1, count("^b", "a\nb", "M"));
        assertEquals(0, count("^b", "a\nb", ""));
        assertEquals(1, count("a$", "a\n", ""));
        assertEquals(0, count("a$", "a\n\n", ""));
        assertEquals(1, count("a$", "a\nb", "M"));
        assertEquals(1, count("\\Z", "", ""));
    }

    @Test
    void syntaxThatDiffersFromJava() {
        assertEquals(1, count("x{,2}y", "xxy", ""));
        assertEquals(1, count("a{b", "a{b", ""));
        assertEquals(2, count("a{,}", "aaa", ""));
        assertEquals(1, count("[[]", "[", ""));
        assertEquals(1, count("[a&&b]", "&", ""));
        assertEquals(1, count("c++", "cc", ""));
        assertEquals(1, count("(?P<w>ab)(?P=w)", "abab", ""));
        assertEquals(1, count("\\x41\\u0042\\101", "ABA", ""));
        assertEquals(1, count("P\\.S\\.", "p.s.", "I"));
        assertEquals(1, count("k", "\u212a", "I"));
        assertEquals(0, count("stra\u00dfe", "STRASSE", "I"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a**", "(", "*a", "[a", "\\q", "a{2,1}", "\\1", "(?i)a"})
    void rejectsWhatPythonRejectsOrHeedDoesNotSupport(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> PythonRegex.compile(pattern, false, false));
    }

    @Test
    void matchesAtSeesTheSurroundingText() {
        PythonRegex r = PythonRegex.compile("\\bis", false, true);
        assertEquals(false, r.matchesAt("this", 2));
        assertEquals(true, r.matchesAt("it is", 3));
    }
}
