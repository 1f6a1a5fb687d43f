package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonTextTest {
    @Test
    void whitespaceIsPythonsNotJavas() {
        for (int c : new int[] {' ', '\t', '\n', 0x0B, 0x0C, '\r', 0x1C, 0x1F, 0x85, 0xA0, 0x1680, 0x2007, 0x2028,
                0x202F, 0x205F, 0x3000}) {
            assertTrue(PythonText.isSpace(c), Integer.toHexString(c));
        }
        for (int c : new int[] {'a', 0x1B, 0x200B, 0x180E, 0xFEFF}) {
            assertFalse(PythonText.isSpace(c), Integer.toHexString(c));
        }
        assertTrue(PythonText.isAsciiSpace('\t'));
        assertFalse(PythonText.isAsciiSpace(0xA0));
    }

    @Test
    void wordCharactersAreLettersNumbersAndUnderscore() {
        for (int c : new int[] {'a', 'Z', '7', '_', 'é', 'ß', '日', 0x00BD, 0x2167, 0x0663}) {
            assertTrue(PythonText.isWord(c), Integer.toHexString(c));
        }
        // Combining marks are not word characters in Python's re.
        for (int c : new int[] {'-', '\'', ' ', 0x0301, 0x093E, 0x1F600}) {
            assertFalse(PythonText.isWord(c), Integer.toHexString(c));
        }
        assertTrue(PythonText.isDecimal(0x0663));
        assertFalse(PythonText.isDecimal(0x00BD));
        assertTrue(PythonText.isAlphaLike(0x00BD));
    }

    @Test
    void splitAndStripUseTheSameWhitespace() {
        assertEquals(List.of("a", "b", "c"), PythonText.split("\u00a0a\u2003b\u001cc "));
        assertEquals("x y", PythonText.strip("\u3000 x y\u0085\n"));
        assertEquals("", PythonText.strip(" \t "));
    }

    @Test
    void caseRulesNeedACasedCharacterAndNoOtherCase() {
        assertTrue(PythonText.isLower("est"));
        assertFalse(PythonText.isLower("123"));
        assertTrue(PythonText.isUpper("EST1"));
        // Titlecase (U+01C5) is neither; Other_Lowercase and astral letters count, as in CPython.
        assertFalse(PythonText.isUpper("\u01c5A"));
        assertFalse(PythonText.isLower("\u01c5"));
        assertTrue(PythonText.isLower("\u24d0"));
        assertTrue(PythonText.isLower("\u1d43"));
        assertTrue(PythonText.isUpper("\ud801\udc00"));
        assertEquals("\u03b1\u03c2 \u03b1\u03c2.", PythonText.lower("\u0391\u03a3 \u0391\u03a3."));
    }

    @Test
    void stripCharsIsASetOfCodePoints() {
        // '😁x😁'.strip('😀') == '😁x😁': a shared high surrogate must not strip half a character.
        assertEquals("\ud83d\ude01x\ud83d\ude01", PythonText.strip("\ud83d\ude01x\ud83d\ude01", "\ud83d\ude00"));
        assertEquals("a", PythonText.strip("\ud83d\ude00a\ud83d\ude00", "\ud83d\ude00"));
        assertEquals("x>", PythonText.lstrip("<<x>", "<"));
        assertEquals("<<x", PythonText.rstrip("<<x>", ">"));
        assertEquals(1, PythonText.length("\ud83d\ude00"));
    }

    @Test
    void splitOnASeparatorKeepsEmptyFieldsAndRejectsAnEmptyOne() {
        assertEquals(List.of("a", "", "b"), PythonText.split("a**b", "*"));
        assertEquals(List.of("", "a", ""), PythonText.split("\na\n", "\n"));
        // ValueError: empty separator (an unchecked empty separator loops forever).
        assertThrows(IllegalArgumentException.class, () -> PythonText.split("ab", ""));
        assertEquals("abc", PythonText.removeSuffix("abc", ""));
        assertEquals("c", PythonText.removePrefix("abc", "ab"));
    }

    @Test
    void runsAreFindallOfWordAndDigitClasses() {
        assertEquals(List.of("12", "\u0663"), PythonText.digitRuns("a12b\u0663"));
        assertEquals(List.of("cafe", "s", "snake_case", "42"), PythonText.wordRuns("cafe\u0301s, snake_case-42!"));
        assertEquals(List.of(), PythonText.wordRuns("\ud83d\ude00 "));
    }
}
