package dev.heed.constraints.ifbench;

import dev.heed.constraints.text.PythonText;

/**
 * Syllable counts as the Python {@code syllapy} package (which IFBench uses) computes them for words it
 * has no dictionary entry for: vowel groups ({@code aeiouy}) counted from the start, a final {@code e}
 * not counted, a final consonant-{@code le} counted, at least one; no syllables for an empty word or
 * one with a digit. syllapy first looks a word up in its own table of a few thousand common words; that
 * table is not bundled here, so a listed word whose table count has another parity than the rule's
 * (e.g. "bigger", listed as 1) is counted differently. Every published IFBench result and upstream test
 * case agrees with the rule alone.
 */
final class Syllables {
    private Syllables() {}

    private static final String VOWELS = "aeiouy";

    static int count(String word) {
        String w = PythonText.strip(PythonText.lower(PythonText.strip(word)), IfbenchText.PUNCTUATION);
        if (w.isEmpty() || !PythonText.digitRuns(w).isEmpty()) {
            return 0;
        }
        return estimate(w);
    }

    private static int estimate(String w) {
        int[] cps = w.codePoints().toArray();
        int n = isVowel(cps[0]) ? 1 : 0;
        for (int i = 1; i < cps.length; i++) {
            if (isVowel(cps[i]) && !isVowel(cps[i - 1])) {
                n++;
            }
        }
        if (w.endsWith("e")) {
            n--;
        }
        if (w.endsWith("le") && cps.length > 2 && !isVowel(cps[cps.length - 3])) {
            n++;
        }
        return n == 0 ? 1 : n;
    }

    private static boolean isVowel(int c) {
        return c < 0x80 && VOWELS.indexOf(c) >= 0;
    }
}
