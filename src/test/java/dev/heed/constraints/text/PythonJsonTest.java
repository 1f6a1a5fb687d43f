package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Whether CPython 3.11's {@code json.loads} accepts each text (printed by Python itself). */
class PythonJsonTest {
    private static void expect(boolean valid, String text) {
        assertEquals(valid, PythonJson.isValid(text), text.length() > 60 ? text.substring(0, 60) : text);
    }

    @Test
    void agreesWithJsonLoads() {
        expect(true, "{\"a\": [1, 2.5e3, -0, NaN, -Infinity, true, null]}");
        expect(false, "01");
        expect(false, "1.");
        expect(true, "\"\\ud800\"");
        expect(false, "\"a\tb\"");
        expect(false, "[1,]");
        expect(false, "{\"a\":1,}");
        expect(false, " \u00a0{}");
        expect(true, "1".repeat(4300));
        expect(false, "1".repeat(4301)); // Python's integer string conversion limit
        expect(false, "-" + "1".repeat(4301));
        expect(true, "1".repeat(4301) + ".0");
        expect(true, "1e5");
        expect(false, "1E+");
        expect(false, "\"\\x\"");
        expect(true, "[]  \n");
        expect(false, "\ufeff{}");
        expect(false, "{\"a\" 1}");
        expect(false, "nul");
        expect(false, "[-]");
        expect(false, "{}{}");
        expect(false, "\"\u0001\"");
        expect(false, "");
    }

    @Test
    void nestingDepthIsUnbounded() {
        expect(true, "[".repeat(1_000_000) + "]".repeat(1_000_000));
        expect(false, "[".repeat(1_000_000) + "]".repeat(999_999));
    }
}
