package dev.heed.constraints.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IFEval's text helpers ({@code instructions_util.py}) that need no model data. Sentence counting
 * uses Punkt and lives in {@link NltkEnglish#countSentences}.
 */
public final class IfevalText {
    private IfevalText() {}

    /** IFEval's {@code count_words}: the number of maximal runs of Python {@code \w} characters. */
    public static int countWords(String text) {
        return PythonText.wordRuns(text).size();
    }

    // Python's \s: the JDK's \s is ASCII only.
    private static final String SPACE = "[\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A"
            + "\\u2028\\u2029\\u202F\\u205F\\u3000]";
    private static final String STARTERS = "(Mr|Mrs|Ms|Dr|Prof|Capt|Cpt|Lt|He" + SPACE + "|She" + SPACE + "|It"
            + SPACE + "|They" + SPACE + "|Their" + SPACE + "|Our" + SPACE + "|We" + SPACE + "|But" + SPACE
            + "|However" + SPACE + "|That" + SPACE + "|This" + SPACE + "|Wherever)";
    private static final Pattern PREFIXES = Pattern.compile("(Mr|St|Mrs|Ms|Dr)[.]");
    private static final Pattern WEBSITES = Pattern.compile("[.](com|net|org|io|gov|edu|me)");
    private static final Pattern DIGIT_DOT_DIGIT = Pattern.compile("([0-9])[.]([0-9])");
    private static final Pattern MULTIPLE_DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern SPACED_INITIAL = Pattern.compile(SPACE + "([A-Za-z])[.] ");
    private static final Pattern ACRONYM_THEN_STARTER =
            Pattern.compile("([A-Z][.][A-Z][.](?:[A-Z][.])?) " + STARTERS);
    private static final Pattern THREE_LETTER_DOTS = Pattern.compile("([A-Za-z])[.]([A-Za-z])[.]([A-Za-z])[.]");
    private static final Pattern TWO_LETTER_DOTS = Pattern.compile("([A-Za-z])[.]([A-Za-z])[.]");
    private static final Pattern SUFFIX_THEN_STARTER = Pattern.compile(" (Inc|Ltd|Jr|Sr|Co)[.] " + STARTERS);
    private static final Pattern SUFFIX = Pattern.compile(" (Inc|Ltd|Jr|Sr|Co)[.]");
    private static final Pattern LETTER_DOT = Pattern.compile(" ([A-Za-z])[.]");

    /**
     * IFEval's {@code split_into_sentences}: a rule-based splitter that protects the periods of
     * titles, initials, acronyms, numbers and web domains ({@code <prd>}), then cuts after every
     * remaining '.', '?' and '!'. IFEval's checkers count sentences with Punkt instead; this one is
     * kept for its own tests and for tools that call it.
     */
    public static List<String> splitIntoSentences(String text) {
        text = (" " + text + "  ").replace("\n", " ");
        text = PREFIXES.matcher(text).replaceAll("$1<prd>");
        text = WEBSITES.matcher(text).replaceAll("<prd>$1");
        text = DIGIT_DOT_DIGIT.matcher(text).replaceAll("$1<prd>$2");
        text = MULTIPLE_DOTS.matcher(text).replaceAll(m -> "<prd>".repeat(m.group().length()) + "<stop>");
        if (text.contains("Ph.D")) {
            text = text.replace("Ph.D.", "Ph<prd>D<prd>");
        }
        text = SPACED_INITIAL.matcher(text).replaceAll(" $1<prd> ");
        text = ACRONYM_THEN_STARTER.matcher(text).replaceAll("$1<stop> $2");
        text = THREE_LETTER_DOTS.matcher(text).replaceAll("$1<prd>$2<prd>$3<prd>");
        text = TWO_LETTER_DOTS.matcher(text).replaceAll("$1<prd>$2<prd>");
        text = SUFFIX_THEN_STARTER.matcher(text).replaceAll(" $1<stop> $2");
        text = SUFFIX.matcher(text).replaceAll(" $1<prd>");
        text = LETTER_DOT.matcher(text).replaceAll(" $1<prd>");
        text = text.replace(".”", "”.").replace(".\"", "\".").replace("!\"", "\"!").replace("?\"", "\"?");
        text = text.replace(".", ".<stop>").replace("?", "?<stop>").replace("!", "!<stop>");
        text = text.replace("<prd>", ".");
        List<String> sentences = new ArrayList<>();
        for (String s : text.split(Pattern.quote("<stop>"), -1)) {
            sentences.add(PythonText.strip(s));
        }
        if (!sentences.isEmpty() && sentences.get(sentences.size() - 1).isEmpty()) {
            sentences.remove(sentences.size() - 1);
        }
        return sentences;
    }
}
