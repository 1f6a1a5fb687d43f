package dev.heed.constraints.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Emoji, syllable and Python-string helpers against values computed with the Python libraries. */
class TextPortsTest {
    @Test
    void emojiTableMatchesThePythonPackage() {
        // emoji 2.16: 1409 code points are emoji on their own.
        assertEquals(1409, IntStream.rangeClosed(0, 0x10FFFF).filter(Emoji::isEmoji).count());
        for (int cp : new int[] {0xA9, 0x1F600, 0x2764, 0x1F3FB, 0x1FAFA, 0x3297, 0x2B50}) {
            assertTrue(Emoji.isEmoji(cp), Integer.toHexString(cp));
        }
        for (int cp : new int[] {'#', '1', 'A', 0xFE0F, 0x200D, 0x1F1E6, 0x1F000, 0x2B51, 0x1FAFB}) {
            assertFalse(Emoji.isEmoji(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void syllablesFollowSyllapysRules() {
        // syllapy's rule-based count, and 0 for empty words and words with a digit.
        assertEquals(2, Syllables.count("Children"));
        assertEquals(1, Syllables.count("have"));
        assertEquals(2, Syllables.count("little"));
        assertEquals(2, Syllables.count("sunshine"));
        assertEquals(1, Syllables.count("dog!!!!!"));
        assertEquals(4, Syllables.count("technology"));
        assertEquals(1, Syllables.count("the"));
        assertEquals(1, Syllables.count("rhythm"));
        assertEquals(0, Syllables.count(","));
        assertEquals(0, Syllables.count("d0g"));
        assertEquals(0, Syllables.count("   "));
    }

    @Test
    void ifbenchStringHelpers() {
        assertEquals("hello world", IfbenchText.removePunctuation("hello, world!"));
        assertEquals(1, IfbenchText.count("!?!?!?", "!?!?"));
        assertEquals("😀a", IfbenchText.reverse("a😀"));
        assertTrue(IfbenchText.isDigits("²3"));
        assertFalse(IfbenchText.isDigits("½"));
        assertEquals("Sao Tome", IfbenchText.asciiFold("São Tomé"));
        assertTrue(IfbenchText.wordBoundary("Emma,", 4));
        assertFalse(IfbenchText.wordBoundary("Emmanuel", 4));
    }
}
