package dev.heed.constraints.ifbench;

import static dev.heed.constraints.ifbench.IfbenchConstraints.checker;
import static dev.heed.constraints.ifbench.IfbenchConstraints.count;
import static dev.heed.constraints.ifbench.IfbenchConstraints.word;

import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.text.IfevalText;
import dev.heed.constraints.text.NltkEnglish;
import dev.heed.constraints.text.PythonText;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code count:*}: how many words, names, numbers, pronouns, keywords a response holds. */
final class CountConstraints {
    private CountConstraints() {}

    static final List<String> PERSON_NAMES = List.of("Emma", "Liam", "Sophia", "Jackson", "Olivia", "Noah", "Ava",
            "Lucas", "Isabella", "Mason", "Mia", "Ethan", "Charlotte", "Alexander", "Amelia", "Benjamin", "Harper", "Leo",
            "Zoe", "Daniel", "Chloe", "Samuel", "Lily", "Matthew", "Grace", "Owen", "Abigail", "Gabriel", "Ella", "Jacob",
            "Scarlett", "Nathan", "Victoria", "Elijah", "Layla", "Nicholas", "Audrey", "David", "Hannah", "Christopher",
            "Penelope", "Thomas", "Nora", "Andrew", "Aria", "Joseph", "Claire", "Ryan", "Stella", "Jonathan");

    private static final Set<String> CONJUNCTIONS = Set.of("and", "but", "for", "nor", "or", "so", "yet");

    private static final Set<String> PRONOUNS = Set.of("i", "me", "my", "mine", "myself", "we", "us", "our", "ours",
            "ourselves", "you", "your", "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her",
            "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves");

    private static final int[] KEYWORD_TIMES = {1, 2, 3, 5, 7};

    static void register(ConstraintRegistry registry, NltkResources nltk) {
        registry.register("count:word_count_range", (kw, prompt) -> {
            int min = count(kw, "min_words", 0);
            int max = count(kw, "max_words", 0);
            return checker(kw, "Write between " + min + " and " + max + " words.", r -> {
                int n = IfevalText.countWords(r);
                return min <= n && n <= max;
            });
        });
        registry.register("count:unique_word_count", (kw, prompt) -> {
            int n = count(kw, "N", 0);
            return checker(kw, "Use at least " + n + " different words.", r -> uniqueWords(r) >= n);
        });
        registry.register("count:conjunctions", (kw, prompt) -> {
            int n = count(kw, "small_n", 0);
            return checker(kw, "Use at least " + n + " different coordinating conjunctions (and, but, for, nor, or, so, yet).",
                    r -> conjunctions(r) >= n);
        });
        registry.register("count:person_names", (kw, prompt) -> {
            int n = count(kw, "N", 0);
            return checker(kw, "Name at least " + n + " different people, choosing from: " + String.join(", ", PERSON_NAMES) + ".",
                    r -> personNames(r) >= n);
        });
        registry.register("count:numbers", (kw, prompt) -> {
            int n = count(kw, "N", 0);
            // Punctuation goes first, so 3.14 and 100,000 each count as one number.
            return checker(kw, "Use exactly " + n + " numbers.",
                    r -> PythonText.digitRuns(IfbenchText.removePunctuation(r)).size() == n);
        });
        registry.register("count:pronouns", (kw, prompt) -> {
            int n = count(kw, "N", 0);
            NltkEnglish en = nltk.english(kw.id());
            return checker(kw, "Use at least " + n + " pronouns.", r -> pronouns(en, r) >= n);
        });
        registry.register("count:punctuation", (kw, prompt) -> checker(kw,
                "Use each of the marks . , ! ? ; : at least once, and an interrobang (?! or !? or ‽) as well.",
                CountConstraints::coversPunctuation));
        registry.register("count:words_japanese", (kw, prompt) -> {
            int n = count(kw, "N", 1);
            return checker(kw, "Write every " + ordinal(n) + " word in Japanese.", r -> japaneseEvery(r, n));
        });
        registry.register("count:keywords_multiple", (kw, prompt) -> {
            String[] keywords = new String[5];
            for (int i = 0; i < 5; i++) {
                keywords[i] = word(kw, "keyword" + (i + 1), true);
            }
            return checker(kw, "Use the word \"" + keywords[0] + "\" once, \"" + keywords[1] + "\" twice, \"" + keywords[2]
                    + "\" three times, \"" + keywords[3] + "\" five times and \"" + keywords[4] + "\" seven times.", r -> {
                        // Substring counts, case-insensitive: "cat" inside "concatenate" counts too.
                        String lower = PythonText.lower(r);
                        for (int i = 0; i < 5; i++) {
                            if (IfbenchText.count(lower, PythonText.lower(keywords[i])) != KEYWORD_TIMES[i]) {
                                return false;
                            }
                        }
                        return true;
                    });
        });
    }

    private static int uniqueWords(String r) {
        Set<String> unique = new HashSet<>();
        for (String w : PythonText.split(PythonText.lower(r))) {
            unique.add(PythonText.strip(w, IfbenchText.PUNCTUATION_SPACE));
        }
        return unique.size();
    }

    /** Distinct words, as written (so "and" and "and," differ), whose bare lowercase form is a conjunction. */
    private static int conjunctions(String r) {
        Set<String> seen = new HashSet<>();
        for (String w : PythonText.split(r)) {
            if (CONJUNCTIONS.contains(PythonText.lower(PythonText.strip(w, IfbenchText.PUNCTUATION_SPACE)))) {
                seen.add(w);
            }
        }
        return seen.size();
    }

    /** Names from the list that occur as whole words, case-sensitive ({@code \bName\b}). */
    static int personNames(String r) {
        int found = 0;
        for (String name : PERSON_NAMES) {
            for (int at = r.indexOf(name); at >= 0; at = r.indexOf(name, at + 1)) {
                if (IfbenchText.wordBoundary(r, at) && IfbenchText.wordBoundary(r, at + name.length())) {
                    found++;
                    break;
                }
            }
        }
        return found;
    }

    private static int pronouns(NltkEnglish en, String r) {
        int n = 0;
        // Slashes split pronoun sets such as she/her/hers.
        for (String token : en.wordTokenize(PythonText.lower(r.replace('/', ' ')))) {
            if (PRONOUNS.contains(token)) {
                n++;
            }
        }
        return n;
    }

    private static boolean coversPunctuation(String r) {
        if (!(r.contains("!?") || r.contains("?!") || r.contains("‽"))) {
            return false;
        }
        // The interrobang's own marks do not count towards ! and ?.
        String rest = removeFirst(r, "?!");
        if (rest.length() == r.length()) {
            rest = removeFirst(r, "!?");
        }
        for (char mark : new char[] {'.', ',', '!', '?', ';', ':'}) {
            if (rest.indexOf(mark) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String removeFirst(String s, String sub) {
        int at = s.indexOf(sub);
        return at < 0 ? s : s.substring(0, at) + s.substring(at + sub.length());
    }

    private static boolean japaneseEvery(String r, int n) {
        List<String> words = PythonText.split(r);
        for (int i = n - 1; i < words.size(); i += n) {
            String w = PythonText.strip(words.get(i), IfbenchText.PUNCTUATION_SPACE);
            if (!w.isEmpty() && !IfbenchText.isDigits(w) && !hasJapanese(w)) {
                return false;
            }
        }
        return true;
    }

    /** Hiragana, katakana or a CJK unified ideograph (U+3040..U+30FF, U+4E00..U+9FFF). */
    private static boolean hasJapanese(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF)) {
                return true;
            }
        }
        return false;
    }

    private static String ordinal(int n) {
        if (n % 100 >= 11 && n % 100 <= 13) {
            return n + "th";
        }
        switch (n % 10) {
            case 1:
                return n + "st";
            case 2:
                return n + "nd";
            case 3:
                return n + "rd";
            default:
                return n + "th";
        }
    }
}
