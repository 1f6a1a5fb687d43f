package dev.heed.constraints.ifbench;

import static dev.heed.constraints.ifbench.IfbenchConstraints.checker;
import static dev.heed.constraints.ifbench.IfbenchConstraints.count;
import static dev.heed.constraints.ifbench.IfbenchConstraints.sentences;
import static dev.heed.constraints.ifbench.IfbenchConstraints.word;

import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.text.PythonText;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code sentence:*}: constraints over the sentences of a response. */
final class SentenceConstraints {
    private SentenceConstraints() {}

    static void register(ConstraintRegistry registry) {
        registry.register("sentence:alliteration_increment", (kw, prompt) -> checker(kw,
                "Make each sentence's run of alliterating words longer than the one before.",
                SentenceConstraints::alliterationGrows));
        registry.register("sentence:increment", (kw, prompt) -> {
            int step = count(kw, "small_n", 0);
            return checker(kw, "Give each sentence exactly " + step + " more words than the one before.", r -> {
                List<String> sentences = sentences(r);
                // The reference raises on a response with no sentence.
                if (sentences.isEmpty()) {
                    return false;
                }
                int previous = sentenceWords(sentences.get(0));
                for (String s : sentences.subList(1, sentences.size())) {
                    int n = sentenceWords(s);
                    if (n != previous + step) {
                        return false;
                    }
                    previous = n;
                }
                return true;
            });
        });
        registry.register("sentence:keyword", (kw, prompt) -> {
            String keyword = word(kw, "word", false);
            int n = count(kw, "N", 1);
            Pattern literal = Pattern.compile(Pattern.quote(keyword), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return checker(kw, "Use the word \"" + keyword + "\" in sentence number " + n + ".", r -> {
                List<String> sentences = sentences(r);
                return sentences.size() >= n && containsWord(literal, sentences.get(n - 1));
            });
        });
    }

    private static int sentenceWords(String sentence) {
        return PythonText.split(IfbenchText.removePunctuation(sentence)).size();
    }

    /** {@code re.search(r'\b' + re.escape(word) + r'\b', text, re.IGNORECASE)}: every start is tried. */
    static boolean containsWord(Pattern literal, String text) {
        Matcher m = literal.matcher(text);
        for (int from = 0; from <= text.length() && m.find(from); from = m.start() + 1) {
            if (IfbenchText.wordBoundary(text, m.start()) && IfbenchText.wordBoundary(text, m.end())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Scores each sentence by its alliteration (a pair of neighbours sharing a first letter adds 2, each
     * further word of the same run adds 1) and requires the score to rise from sentence to sentence.
     */
    private static boolean alliterationGrows(String r) {
        int previous = -1;
        for (String sentence : sentences(r)) {
            List<String> words = new ArrayList<>();
            for (String w : PythonText.split(PythonText.lower(sentence))) {
                String clean = PythonText.lstrip(w, IfbenchText.PUNCTUATION_SPACE);
                if (!clean.isEmpty()) {
                    words.add(clean);
                }
            }
            int score = 0;
            boolean inRun = false;
            for (int i = 0; i + 1 < words.size(); i++) {
                if (IfbenchText.first(words.get(i)) == IfbenchText.first(words.get(i + 1))) {
                    score += inRun ? 1 : 2;
                    inRun = true;
                } else {
                    inRun = false;
                }
            }
            if (score <= previous) {
                return false;
            }
            previous = score;
        }
        return true;
    }
}
