package dev.heed.constraints.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values were printed by CPython 3.11 running the reference's own expressions. */
class EvalPiecesTest {
    @Test
    void looseVariantsInTheReferenceOrder() {
        assertEquals(List.of("one", "one", "", "", "", "", "", ""), LooseVariants.of("one"));
        assertEquals(List.of("a\n*b*\nc", "a\nb\nc", "*b*\nc", "a\n*b*", "*b*", "b\nc", "a\nb", "b"),
                LooseVariants.of("a\n*b*\nc"));
        assertEquals(List.of("x\n", "x\n", "", "x", "", "", "x", ""), LooseVariants.of("x\n"));
        assertEquals(List.of("\u00a0*top*\nmid\n\nlast ", "\u00a0top\nmid\n\nlast ", "mid\n\nlast", "*top*\nmid", "mid",
                "mid\n\nlast", "top\nmid", "mid"), LooseVariants.of("\u00a0*top*\nmid\n\nlast "));
    }

    @Test
    void stringsAreWrittenAsPythonJsonDumpsWritesThem() {
        StringBuilder b = new StringBuilder();
        ReferenceLayout.string(b, "\u00e9\u007f\u0001\ud83d\ude00\"\\/\t");
        assertEquals("\"\\u00e9\\u007f\\u0001\\ud83d\\ude00\\\"\\\\/\\t\"", b.toString());
    }

    @Test
    void summaryCountsBothModes() {
        EvalResult s1 = new EvalResult(List.of("a:x", "a:y"), "p1", "r1", List.of(true, false));
        EvalResult l1 = new EvalResult(List.of("a:x", "a:y"), "p1", "r1", List.of(true, true));
        EvalResult s2 = new EvalResult(List.of("b:z"), "p2", "r2", List.of(true));
        EvalSummary summary = EvalSummary.of(new Evaluator.Report(List.of(s1, s2), List.of(l1, s2)));
        assertEquals(new EvalSummary.Counts(2, 1, 3, 2), summary.strict());
        assertEquals(new EvalSummary.Counts(2, 2, 3, 3), summary.loose());
        assertEquals(new EvalSummary.PerId(1, 0, 1), summary.perInstruction().get("a:y"));
        assertEquals(new EvalSummary.PerId(2, 1, 2), summary.perFamily().get("a"));
    }
}
