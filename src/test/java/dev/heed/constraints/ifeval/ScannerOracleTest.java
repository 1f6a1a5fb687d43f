package dev.heed.constraints.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.heed.constraints.text.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import dev.heed.constraints.text.PythonText;
import org.junit.jupiter.api.Test;

/**
 * The hand-written linear scanners against the reference's own regular expressions (run through
 * {@link PythonRegex}, which backtracks and may be slow but is simple) on random short texts made of
 * the characters that matter.
 */
class ScannerOracleTest {
    private static final int TRIALS = 20_000;

    private static List<String> texts(String alphabet, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            int n = random.nextInt(14);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void bulletCounts() {
        PythonRegex star = PythonRegex.compile("^\\s*\\*[^\\*].*$", false, true);
        PythonRegex dash = PythonRegex.compile("^\\s*-.*$", false, true);
        for (String text : texts("*- \n\ta\u00a0", 1)) {
            assertEquals(star.count(text), BulletLists.count(text, true), "'*' bullets in " + show(text));
            assertEquals(dash.count(text), BulletLists.count(text, false), "'-' bullets in " + show(text));
        }
    }

    @Test
    void placeholderCounts() {
        PythonRegex placeholder = PythonRegex.compile("\\[.*?\\]", false, false);
        for (String text : texts("[]a\n ", 2)) {
            assertEquals(placeholder.count(text), Placeholders.count(text), show(text));
        }
    }

    @Test
    void highlightCounts() {
        PythonRegex single = PythonRegex.compile("\\*[^\\n\\*]*\\*", false, false);
        PythonRegex dbl = PythonRegex.compile("\\*\\*[^\\n\\*]*\\*\\*", false, false);
        for (String text : texts("**a \n", 3)) {
            int expected = 0;
            Matcher m = single.pattern().matcher(text);
            while (m.find()) {
                expected += PythonText.strip(PythonText.strip(m.group(), "*")).isEmpty() ? 0 : 1;
            }
            m = dbl.pattern().matcher(text);
            while (m.find()) {
                String inner = PythonText.removeSuffix(PythonText.removePrefix(m.group(), "**"), "**");
                expected += PythonText.strip(inner).isEmpty() ? 0 : 1;
            }
            assertEquals(expected, HighlightedSections.count(text), show(text));
        }
    }

    @Test
    void dividerSplits() {
        PythonRegex divider = PythonRegex.compile("\\s?\\*\\*\\*\\s?", false, false);
        for (String text : texts("** a\n", 4)) {
            List<String> expected = new ArrayList<>();
            Matcher m = divider.pattern().matcher(text);
            int last = 0;
            while (m.find()) {
                expected.add(text.substring(last, m.start()));
                last = m.end();
            }
            expected.add(text.substring(last));
            assertEquals(expected, DividedParagraphs.splitOnDividers(text), show(text));
        }
    }

    @Test
    void titles() {
        PythonRegex title = PythonRegex.compile("<<[^\\n]+>>", false, false);
        Title checker = Title.create(new dev.heed.constraints.Kwargs(Title.ID, null));
        for (String text : texts("<<>> a\n", 5)) {
            boolean expected = false;
            Matcher m = title.pattern().matcher(text);
            while (m.find()) {
                expected |= !PythonText.strip(PythonText.rstrip(PythonText.lstrip(m.group(), "<"), ">")).isEmpty();
            }
            assertEquals(expected, checker.check(text), show(text));
        }
    }

    @Test
    void constrainedStarts() {
        PythonRegex reference = PythonRegex.compile("^\\s*ab.*$", false, true);
        ConstrainedStart checker = ConstrainedStart.create(new dev.heed.constraints.Kwargs(ConstrainedStart.ID,
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("starter", "ab")));
        for (String text : texts("ab \n", 6)) {
            assertEquals(reference.search(text), checker.check(text), show(text));
        }
    }

    private static String show(String text) {
        return "'" + text.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
