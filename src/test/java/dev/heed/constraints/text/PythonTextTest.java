package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
