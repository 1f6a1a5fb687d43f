package dev.heed.constraints.ifbench;

import static dev.heed.constraints.ifbench.IfbenchConstraints.checker;
import static dev.heed.constraints.ifbench.IfbenchConstraints.percentage;
import static dev.heed.constraints.ifbench.IfbenchConstraints.sentences;

import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.text.PythonText;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code ratio:*}: proportions of trigrams, stopwords and sentence types. */
final class RatioConstraints {
    private RatioConstraints() {}

    static void register(ConstraintRegistry registry, NltkResources nltk) {
        registry.register("ratio:overlap", (kw, prompt) -> {
            String reference = kw.requiredString("reference_text");
            double p = percentage(kw, "percentage");
            long[] referenceTrigrams = trigrams(reference);
            return checker(kw, "Share " + number(p) + "% (give or take 2%) of your character trigrams with this text: "
                    + reference, r -> {
                        long[] mine = trigrams(r);
                        if (mine.length == 0) {
                            return false;
                        }
                        double overlap = (double) shared(mine, referenceTrigrams) / mine.length;
                        return p - 2 <= overlap * 100 && overlap * 100 <= p + 2;
                    });
        });
        registry.register("ratio:stop_words", (kw, prompt) -> {
            double p = percentage(kw, "percentage");
            Set<String> stopwords = nltk.stopwords(kw.id());
            return checker(kw, "Keep stopwords to at most " + number(p) + "% of your words.", r -> {
                // IFBench's count_stopwords tokenizes with re.findall(r'\w+').
                List<String> words = PythonText.wordRuns(r);
                long stops = words.stream().filter(w -> stopwords.contains(PythonText.lower(w))).count();
                return !words.isEmpty() && ((double) stops / words.size()) * 100 <= p;
            });
        });
        registry.register("ratio:sentence_type", (kw, prompt) -> checker(kw,
                "Write twice as many statements as questions.", r -> {
                    int[] ends = sentenceEnds(r);
                    return ends[0] == 2 * ends[1];
                }));
        registry.register("ratio:sentence_balance", (kw, prompt) -> checker(kw,
                "Write as many statements as questions and as exclamations.", r -> {
                    int[] ends = sentenceEnds(r);
                    return ends[0] == ends[1] && ends[1] == ends[2];
                }));
        registry.register("ratio:sentence_words", (kw, prompt) -> {
            // The reference checks only the lengths; "all different words" is not checked.
            return checker(kw, "Answer in exactly three sentences of the same number of characters, without repeating a word.",
                    r -> {
                        List<String> sentences = sentences(r);
                        if (sentences.size() != 3) {
                            return false;
                        }
                        int length = PythonText.length(PythonText.strip(sentences.get(0)));
                        for (String s : sentences) {
                            if (PythonText.length(PythonText.strip(s)) != length) {
                                return false;
                            }
                        }
                        return true;
                    });
        });
    }

    /**
     * The distinct character trigrams of {@code s} ({@code set(nltk.ngrams(s, 3))}), each packed into a
     * long (three 21-bit code points), sorted.
     */
    static long[] trigrams(String s) {
        int[] cps = s.codePoints().toArray();
        if (cps.length < 3) {
            return new long[0];
        }
        long[] grams = new long[cps.length - 2];
        for (int i = 0; i < grams.length; i++) {
            grams[i] = ((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2];
        }
        Arrays.sort(grams);
        int n = 0;
        for (int i = 0; i < grams.length; i++) {
            if (i == 0 || grams[i] != grams[i - 1]) {
                grams[n++] = grams[i];
            }
        }
        return Arrays.copyOf(grams, n);
    }

    private static int shared(long[] a, long[] b) {
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                n++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return n;
    }

    /** Sentences ending in '.', '?' and '!'. */
    private static int[] sentenceEnds(String r) {
        int[] ends = new int[3];
        for (String s : sentences(r)) {
            if (s.endsWith(".")) {
                ends[0]++;
            } else if (s.endsWith("?")) {
                ends[1]++;
            } else if (s.endsWith("!")) {
                ends[2]++;
            }
        }
        return ends;
    }

    /** 11.0 prints as 11, 12.5 as 12.5. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
