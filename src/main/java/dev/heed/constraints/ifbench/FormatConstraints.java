package dev.heed.constraints.ifbench;

import static dev.heed.constraints.ifbench.IfbenchConstraints.checker;
import static dev.heed.constraints.ifbench.IfbenchConstraints.sentences;

import dev.heed.config.BadInputException;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.text.NltkEnglish;
import dev.heed.constraints.text.PythonText;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code format:*}: layout, markup, quoting and casing. */
final class FormatConstraints {
    private FormatConstraints() {}

    static void register(ConstraintRegistry registry, NltkResources nltk) {
        registry.register("format:emoji", (kw, prompt) -> checker(kw, "End every sentence with an emoji.",
                r -> emojiEndings(sentences(r))));
        registry.register("format:line_indent", (kw, prompt) -> checker(kw,
                "Indent each line by more spaces than the line above it, like a staircase.", FormatConstraints::stairs));
        registry.register("format:list", (kw, prompt) -> {
            String sep = kw.requiredString("sep");
            if (sep.isEmpty()) {
                throw new BadInputException(kw.id() + ": kwarg 'sep' must not be empty");
            }
            return checker(kw, "Write a list whose items are marked with " + sep + " instead of bullet points.",
                    r -> IfbenchText.count(r, sep) >= 2);
        });
        registry.register("format:newline", (kw, prompt) -> checker(kw, "Put every word on its own line.", r -> {
            String bare = PythonText.strip(IfbenchText.removePunctuation(r));
            int lines = 0;
            for (String line : PythonText.split(bare, "\n")) {
                if (!line.isEmpty()) {
                    lines++;
                }
            }
            return lines == PythonText.split(bare).size();
        }));
        registry.register("format:no_bullets_bullets", (kw, prompt) -> checker(kw,
                "Open with at least two sentences, then give at least two bullet points marked with *.",
                FormatConstraints::sentencesThenBullets));
        registry.register("format:no_whitespace", (kw, prompt) -> checker(kw, "Use no whitespace at all.", r -> {
            for (int i = 0; i < r.length(); i++) {
                if (PythonText.isSpace(r.charAt(i))) {
                    return false;
                }
            }
            return true;
        }));
        registry.register("format:options", (kw, prompt) -> {
            String options = kw.requiredString("options");
            Options parsed = new Options(options);
            return checker(kw, "Reply with one of these options and nothing else: " + options + ".", parsed::matches);
        });
        registry.register("format:output_template", (kw, prompt) -> checker(kw,
                "Follow this template: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook]",
                r -> r.contains("My Answer:") && r.contains("My Conclusion:") && r.contains("Future Outlook:")));
        registry.register("format:parentheses", (kw, prompt) -> checker(kw,
                "Nest brackets, mixing (), [] and {}, at least five levels deep.", FormatConstraints::nestedBrackets));
        registry.register("format:quote_unquote", (kw, prompt) -> checker(kw,
                "Follow every quotation with an explanation outside the quotes.", FormatConstraints::quoteExplained));
        registry.register("format:quotes", (kw, prompt) -> checker(kw,
                "Nest quotations at least three levels deep, alternating double and single quotes.",
                FormatConstraints::nestedQuotes));
        registry.register("format:sub-bullets", (kw, prompt) -> checker(kw,
                "Use bullet points marked with *, each with at least one sub-point marked with -.", r -> {
                    List<String> pieces = PythonText.split(r, "*");
                    for (String piece : pieces.subList(1, pieces.size())) {
                        if (!piece.contains("-")) {
                            return false;
                        }
                    }
                    return true;
                }));
        registry.register("format:thesis", (kw, prompt) -> checker(kw,
                "Open each section with a thesis statement in italics, marked up with HTML <i> or <em>.",
                FormatConstraints::italicThesis));
        registry.register("format:title_case", (kw, prompt) -> {
            NltkEnglish en = nltk.english(kw.id());
            return checker(kw, "Write everything in title case, capitalizing each major word.",
                    r -> titleCase(en.wordTokenize(r)));
        });
    }

    private static boolean emojiEndings(List<String> sentences) {
        for (int i = 0; i < sentences.size(); i++) {
            String bare = PythonText.strip(IfbenchText.removePunctuation(sentences.get(i)));
            if (bare.isEmpty()) {
                return false;
            }
            int last = IfbenchText.last(bare);
            int beforeLast = bare.length() > Character.charCount(last) ? bare.codePointBefore(bare.length() - Character.charCount(last)) : last;
            // The second-to-last character counts too: an emoji is often followed by a variation selector.
            if (!Emoji.isEmoji(last) && !Emoji.isEmoji(beforeLast)) {
                if (i == sentences.size() - 1) {
                    return false;
                }
                // An emoji that Punkt placed at the start of the next sentence still ends this one.
                String next = PythonText.strip(IfbenchText.removePunctuation(sentences.get(i + 1)));
                if (next.isEmpty() || !Emoji.isEmoji(IfbenchText.first(next))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The reference drops blank lines with {@code lines.remove(line)} while iterating over the same list,
     * which skips the line after each removal and removes the first equal blank line, not necessarily the
     * current one. This replays that exactly, in linear time: a removal always takes the earliest
     * remaining copy of that blank string, and iteration then jumps two lines ahead.
     */
    private static boolean stairs(String r) {
        List<String> lines = PythonText.split(r, "\n");
        boolean[] removed = new boolean[lines.size()];
        Map<String, ArrayDeque<Integer>> copies = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (PythonText.strip(lines.get(i)).isEmpty()) {
                copies.computeIfAbsent(lines.get(i), k -> new ArrayDeque<>()).add(i);
            }
        }
        for (int i = 0; i < lines.size(); ) {
            if (PythonText.strip(lines.get(i)).isEmpty()) {
                removed[copies.get(lines.get(i)).poll()] = true;
                i += 2;
            } else {
                i++;
            }
        }
        int previous = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (removed[i]) {
                continue;
            }
            int indent = leadingSpaces(lines.get(i));
            if (previous >= 0 && indent <= previous) {
                return false;
            }
            previous = indent;
        }
        return true;
    }

    private static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /**
     * Two sentences or more, then two bullet lines or more, nothing after the bullets. A blank line
     * among the opening sentences ends them (the reference keeps the empty sentence list as its flag).
     */
    private static boolean sentencesThenBullets(String r) {
        boolean inSentences = true;
        int sentences = 0;
        int bullets = 0;
        for (String line : PythonText.split(r, "\n")) {
            String s = PythonText.strip(line);
            if (s.startsWith("*")) {
                inSentences = false;
                if (sentences < 2) {
                    return false;
                }
                bullets++;
            } else if (inSentences) {
                int n = sentences(s).size();
                sentences += n;
                inSentences = n > 0;
            } else {
                return false;
            }
        }
        return bullets >= 2;
    }

    /** A group of brackets reaching depth 5 gets closed properly; a mismatched closer resets the count. */
    private static boolean nestedBrackets(String r) {
        StringBuilder open = new StringBuilder();
        int maxDepth = 0;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                open.append(c);
                maxDepth = Math.max(maxDepth, open.length());
            } else if (c == ')' || c == ']' || c == '}') {
                char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (open.length() > 0 && open.charAt(open.length() - 1) == expected) {
                    open.setLength(open.length() - 1);
                    if (maxDepth >= 5 && open.length() < maxDepth) {
                        return true;
                    }
                } else {
                    open.setLength(0);
                    maxDepth = 0;
                }
            }
        }
        return false;
    }

    /** Quotes of either kind open a level unless they close the innermost one; three closed levels pass. */
    private static boolean nestedQuotes(String r) {
        StringBuilder open = new StringBuilder();
        int reached = 0;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (open.length() > 0 && c == open.charAt(open.length() - 1)) {
                open.setLength(open.length() - 1);
                if (reached - open.length() >= 3) {
                    return true;
                }
            } else if (c == '"' || c == '\'') {
                open.append(c);
                reached = Math.max(reached, open.length());
            }
        }
        return false;
    }

    /**
     * No two quotes meet once whitespace is gone, and the text does not end on a quote (digits and other
     * punctuation aside). The reference's curly-quote replacement is a no-op in the evaluated version, so
     * only straight quotes count.
     */
    private static boolean quoteExplained(String r) {
        String v = IfbenchText.removeWhitespace(r.replace("'\"'", ""));
        if (v.contains("\"\"")) {
            return false;
        }
        String stripped = PythonText.strip(v, "0123456789" + IfbenchText.PUNCTUATION.replace("\"", ""));
        return stripped.isEmpty() || stripped.charAt(stripped.length() - 1) != '"';
    }

    /** An {@code <i>} (else {@code <em>}) element with text, followed by more text. */
    private static boolean italicThesis(String r) {
        int start = r.indexOf("<i>");
        if (start < 0) {
            start = r.indexOf("<em>");
            if (start < 0) {
                return false;
            }
        }
        String v = r.substring(start);
        int end = v.indexOf("</i>");
        if (end < 0) {
            end = v.indexOf("</em>");
            if (end < 0) {
                return false;
            }
        }
        // The reference cuts 3 and 4 characters whichever tag it found; kept as is.
        String thesis = v.substring(3, end);
        if (PythonText.strip(thesis).isEmpty()) {
            return false;
        }
        return end + 4 < v.length() && !PythonText.strip(v.substring(end + 4)).isEmpty();
    }

    private static boolean titleCase(List<String> tokens) {
        for (String token : tokens) {
            if (token.isEmpty() || !IfbenchText.isAlpha(IfbenchText.first(token))) {
                continue;
            }
            String head = new String(Character.toChars(IfbenchText.first(token)));
            String rest = token.substring(head.length());
            if (rest.isEmpty()) {
                if (PythonText.isLower(head)) {
                    return false;
                }
                continue;
            }
            if (PythonText.isUpper(head) && PythonText.isLower(rest)) {
                continue;
            }
            if (PythonText.isLower(head) && (PythonText.isUpper(rest) || PythonText.isLower(rest))) {
                return false;
            }
        }
        return true;
    }

    /** The permitted answers of {@code format:options}, parsed as the reference parses them. */
    static final class Options {
        private final boolean exact;
        private final List<String> options = new ArrayList<>();

        Options(String text) {
            // Lettered choices ("a), b), c)") must be answered exactly; worded ones loosely.
            exact = lettered(text);
            String sep = text.contains("/") ? "/" : text.contains("or") ? "or" : ",";
            for (String option : PythonText.split(text, sep)) {
                options.add(PythonText.strip(option));
            }
        }

        /** {@code re.match(r"\W*[aA]\W*[bB]\W*[cC]\W*", text)}. */
        private static boolean lettered(String text) {
            int i = 0;
            for (char letter : new char[] {'a', 'b', 'c'}) {
                while (i < text.length() && !PythonText.isWord(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                if (i >= text.length() || Character.toLowerCase(text.charAt(i)) != letter) {
                    return false;
                }
                i++;
            }
            return true;
        }

        boolean matches(String r) {
            if (exact) {
                return options.contains(r);
            }
            String answer = PythonText.lower(PythonText.strip(r, IfbenchText.PUNCTUATION_SPACE));
            for (String option : options) {
                if (PythonText.lower(PythonText.strip(option, IfbenchText.PUNCTUATION_SPACE)).equals(answer)) {
                    return true;
                }
            }
            return false;
        }
    }
}
