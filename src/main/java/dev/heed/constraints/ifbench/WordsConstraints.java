package dev.heed.constraints.ifbench;

import static dev.heed.constraints.ifbench.IfbenchConstraints.checker;
import static dev.heed.constraints.ifbench.IfbenchConstraints.count;
import static dev.heed.constraints.ifbench.IfbenchConstraints.sentences;
import static dev.heed.constraints.ifbench.IfbenchConstraints.word;

import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.text.NltkEnglish;
import dev.heed.constraints.text.PythonText;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code words:*}: constraints on the individual words of a response. */
final class WordsConstraints {
    private WordsConstraints() {}

    private static final Set<Integer> PRIMES = Set.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
            61, 67, 71, 73, 79, 83, 89, 97);

    static void register(ConstraintRegistry registry, NltkResources nltk) {
        registry.register("words:alphabet", (kw, prompt) -> checker(kw,
                "Start each word with the letter after the previous word's first letter, going from Z back to A.",
                WordsConstraints::alphabetLoop));
        registry.register("words:vowel", (kw, prompt) -> checker(kw,
                "Write a single paragraph that uses at most three of the five vowels a, e, i, o, u.", r -> {
                    List<String> paragraphs = PythonText.split(PythonText.strip(r), "\n");
                    return paragraphs.size() == 1 && PythonText.lower(paragraphs.get(0)).chars()
                            .filter(c -> "aeiou".indexOf(c) >= 0).distinct().count() <= 3;
                }));
        registry.register("words:consonants", (kw, prompt) -> checker(kw,
                "Put two consonants side by side in every word.", r -> {
                    for (String w : PythonText.split(PythonText.strip(PythonText.lower(r)))) {
                        if (!hasConsonantPair(w)) {
                            return false;
                        }
                    }
                    return true;
                }));
        registry.register("words:palindrome", (kw, prompt) -> checker(kw,
                "Use at least 10 palindromic words of five or more letters.", r -> {
                    int n = 0;
                    for (String w : PythonText.split(PythonText.lower(IfbenchText.removePunctuation(r)))) {
                        if (PythonText.length(w) >= 5 && w.equals(IfbenchText.reverse(w))) {
                            n++;
                        }
                    }
                    return n >= 10;
                }));
        registry.register("words:prime_lengths", (kw, prompt) -> checker(kw,
                "Use only words whose length is a prime number.", r -> {
                    for (String w : PythonText.split(IfbenchText.removePunctuation(r))) {
                        if (!PRIMES.contains(PythonText.length(w))) {
                            return false;
                        }
                    }
                    return true;
                }));
        registry.register("words:odd_even_syllables", (kw, prompt) -> checker(kw,
                "Alternate words with an odd and an even number of syllables.", r -> {
                    int previous = -1;
                    for (String w : PythonText.split(PythonText.lower(IfbenchText.removePunctuation(r)))) {
                        int parity = Syllables.count(w) % 2;
                        if (parity == previous) {
                            return false;
                        }
                        previous = parity;
                    }
                    return true;
                }));
        registry.register("words:last_first", (kw, prompt) -> {
            return checker(kw, "Begin each sentence with the word the previous sentence ended with.", r -> {
                List<String> sentences = sentences(r);
                for (int i = 0; i + 1 < sentences.size(); i++) {
                    List<String> last = PythonText.split(PythonText.rstrip(sentences.get(i), IfbenchText.PUNCTUATION_SPACE));
                    List<String> first = PythonText.split(PythonText.lstrip(sentences.get(i + 1), IfbenchText.PUNCTUATION_SPACE));
                    if (last.isEmpty() || first.isEmpty()
                            || !PythonText.lower(last.get(last.size() - 1)).equals(PythonText.lower(first.get(0)))) {
                        return false;
                    }
                }
                return true;
            });
        });
        registry.register("words:paragraph_last_first", (kw, prompt) -> checker(kw,
                "End each paragraph with the word it starts with; separate paragraphs with a line break.", r -> {
                    for (String line : PythonText.split(r, "\n")) {
                        String p = PythonText.lower(PythonText.strip(line));
                        List<String> w = PythonText.split(PythonText.strip(p, IfbenchText.PUNCTUATION_SPACE));
                        if (!w.isEmpty() && !w.get(0).equals(w.get(w.size() - 1))) {
                            return false;
                        }
                    }
                    return true;
                }));
        registry.register("words:no_consecutive", (kw, prompt) -> checker(kw,
                "Never let two neighbouring words start with the same letter.", r -> {
                    List<String> words = PythonText.split(IfbenchText.removePunctuation(PythonText.lower(r)));
                    for (int i = 0; i + 1 < words.size(); i++) {
                        if (IfbenchText.first(words.get(i)) == IfbenchText.first(words.get(i + 1))) {
                            return false;
                        }
                    }
                    return true;
                }));
        registry.register("words:start_verb", (kw, prompt) -> {
            NltkEnglish en = nltk.english(kw.id());
            PerceptronTagger tagger = nltk.tagger(kw.id());
            return checker(kw, "Begin the response with a verb.", r -> {
                List<String> tokens = en.wordTokenize(r);
                return !tokens.isEmpty() && tagger.firstTag(tokens).contains("VB");
            });
        });
        registry.register("words:repeats", (kw, prompt) -> {
            int max = count(kw, "small_n", 0);
            return checker(kw, "Use no word more than " + max + " times.", r -> {
                Map<String, Integer> counts = new HashMap<>();
                for (String w : PythonText.split(IfbenchText.removePunctuation(PythonText.lower(r)))) {
                    if (counts.merge(w, 1, Integer::sum) > max) {
                        return false;
                    }
                }
                return true;
            });
        });
        registry.register("words:keywords_specific_position", (kw, prompt) -> {
            String keyword = word(kw, "keyword", true);
            int n = count(kw, "n", 1);
            int m = count(kw, "m", 1);
            NltkEnglish en = nltk.english(kw.id());
            return checker(kw, "Make \"" + keyword + "\" word number " + m + " of sentence number " + n + ".", r -> {
                List<String> sentences = sentences(r);
                if (sentences.size() < n) {
                    return false;
                }
                List<String> tokens = en.wordTokenize(sentences.get(n - 1));
                return tokens.size() >= m && PythonText.lower(tokens.get(m - 1)).equals(PythonText.lower(keyword));
            });
        });
        registry.register("words:words_position", (kw, prompt) -> {
            String keyword = word(kw, "keyword", true);
            NltkEnglish en = nltk.english(kw.id());
            return checker(kw, "Make \"" + keyword + "\" both the second word and the second-to-last word of the response.",
                    r -> {
                        List<String> tokens = en.wordTokenize(r);
                        if (tokens.size() < 2) {
                            return false;
                        }
                        String k = PythonText.lower(keyword);
                        return PythonText.lower(tokens.get(1)).equals(k) && PythonText.lower(tokens.get(tokens.size() - 2)).equals(k);
                    });
        });
    }

    private static boolean alphabetLoop(String r) {
        List<String> words = PythonText.split(PythonText.strip(IfbenchText.removePunctuation(r), IfbenchText.PUNCTUATION_SPACE));
        if (words.isEmpty()) {
            return false;
        }
        String first = PythonText.lower(new String(Character.toChars(IfbenchText.first(words.get(0)))));
        // Python tests `letter in ascii_lowercase`, a substring test; a one-letter result is what passes.
        if (first.length() != 1 || first.charAt(0) < 'a' || first.charAt(0) > 'z') {
            return false;
        }
        char letter = first.charAt(0);
        for (String w : words.subList(1, words.size())) {
            String lower = PythonText.lower(PythonText.strip(w, IfbenchText.PUNCTUATION_SPACE));
            if (lower.isEmpty()) {
                continue;
            }
            letter = letter == 'z' ? 'a' : (char) (letter + 1);
            if (IfbenchText.first(lower) != letter) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasConsonantPair(String word) {
        String consonants = "bcdfghjklmnpqrstvwxyz";
        for (int i = 0; i + 1 < word.length(); i++) {
            if (consonants.indexOf(word.charAt(i)) >= 0 && consonants.indexOf(word.charAt(i + 1)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
