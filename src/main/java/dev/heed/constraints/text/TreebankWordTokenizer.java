package dev.heed.constraints.text;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The word tokenizer behind {@code nltk.word_tokenize} (NLTK 3.8's {@code NLTKWordTokenizer}, the
 * Penn Treebank rules improved for Unicode quotes), applied to one sentence.
 *
 * <p>The reference is a chain of regular-expression substitutions that pad punctuation with spaces,
 * then splits on whitespace. Each step here is a hand-written single scan over code points with the
 * same result as its substitution (Python's Unicode {@code \w}, {@code \s}, {@code \b}, and its
 * {@code $}, which also matches before a final newline), so the whole runs in linear time.
 */
public final class TreebankWordTokenizer {
    /** Contractions split in two ("cannot" into "can" "not"); the last one must be followed by whitespace. */
    private static final String[][] CONTRACTIONS = {
        {"can", "not"}, {"d", "'ye"}, {"gim", "me"}, {"gon", "na"}, {"got", "ta"}, {"lem", "me"},
        {"more", "'n"}, {"wan", "na"},
    };
    private static final String[] ENCLITICS = {"'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T"};
    /** What may stand between a sentence-final period and the end, in the two final-period rules. */
    private static final IntPredicate SECOND_RULE_CLOSERS =
            c -> c == ']' || c == ')' || c == '}' || c == '>' || c == '"' || c == '\'';
    private static final IntPredicate FIRST_RULE_CLOSERS =
            SECOND_RULE_CLOSERS.or(c -> c == ' ' || c == '»' || c == '”' || c == '’');

    /** The tokens of one sentence, as {@code NLTKWordTokenizer().tokenize(sentence)} returns them. */
    public List<String> tokenize(String sentence) {
        int[] s = sentence.codePoints().toArray();
        // Opening quotes.
        s = padOpeningQuotes(s);
        s = leadingDoubleQuote(s);
        s = padDoubleBackticks(s);
        s = openingQuoteAfterBracket(s);
        s = quoteBeforeSingleLetter(s);
        // Punctuation.
        s = finalPeriod(s, FIRST_RULE_CLOSERS, " . ");
        s = colonOrCommaBeforeNonDigit(s);
        s = finalColonOrComma(s);
        s = padRuns(s, '.');
        s = padEach(s, c -> c == ';' || c == '@' || c == '#' || c == '$' || c == '%' || c == '&');
        s = finalPeriod(s, SECOND_RULE_CLOSERS, " .");
        s = padEach(s, c -> c == '?' || c == '!');
        s = quoteBeforeSpace(s);
        s = padEach(s, c -> c == '*');
        s = padEach(s, c -> c == '[' || c == ']' || c == '(' || c == ')' || c == '{' || c == '}' || c == '<'
                || c == '>');
        s = padDoubleDashes(s);
        s = surroundWithSpaces(s);
        // Closing quotes and clitics.
        s = padEach(s, c -> c == '»' || c == '”' || c == '’');
        s = closingDoubleQuotes(s);
        s = possessivesAndQuotesBeforeSpace(s);
        s = encliticsBeforeSpace(s);
        for (String[] contraction : CONTRACTIONS) {
            s = splitContraction(s, contraction[0], contraction[1]);
        }
        s = splitTis(s);
        return PythonText.split(new String(s, 0, s.length));
    }

    /** A growable code-point array: the output of one substitution step. */
    private static final class Out {
        private int[] a;
        private int n;

        Out(int capacity) {
            a = new int[Math.max(16, capacity + capacity / 4)];
        }

        Out add(int c) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = c;
            return this;
        }

        Out add(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                add(ascii.charAt(i));
            }
            return this;
        }

        Out add(int[] s, int from, int to) {
            for (int i = from; i < to; i++) {
                add(s[i]);
            }
            return this;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** Surrounds every matching character with spaces. */
    private static int[] padEach(int[] s, IntPredicate cls) {
        Out out = new Out(s.length);
        for (int c : s) {
            if (cls.test(c)) {
                out.add(' ').add(c).add(' ');
            } else {
                out.add(c);
            }
        }
        return out.toArray();
    }

    /** Surrounds each Unicode opening quote, and each run of backticks, with spaces. */
    private static int[] padOpeningQuotes(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            int c = s[i];
            if (c == '«' || c == '“' || c == '‘' || c == '„') {
                out.add(' ').add(c).add(' ');
                i++;
            } else if (c == '`') {
                int j = i;
                while (j < s.length && s[j] == '`') {
                    j++;
                }
                out.add(' ').add(s, i, j).add(' ');
                i = j;
            } else {
                out.add(c);
                i++;
            }
        }
        return out.toArray();
    }

    /** Surrounds every run of two or more {@code c} with spaces. */
    private static int[] padRuns(int[] s, int c) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j < s.length && s[j] == c) {
                j++;
            }
            if (j - i >= 2) {
                out.add(' ').add(s, i, j).add(' ');
                i = j;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    /** A double quote opening the sentence becomes {@code ``}. */
    private static int[] leadingDoubleQuote(int[] s) {
        if (s.length == 0 || s[0] != '"') {
            return s;
        }
        return new Out(s.length + 1).add("``").add(s, 1, s.length).toArray();
    }

    private static int[] padDoubleBackticks(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            if (s[i] == '`' && i + 1 < s.length && s[i + 1] == '`') {
                out.add(" `` ");
                i += 2;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    /** {@code "} or {@code ''} after a space or an opening bracket opens a quote: {@code ``}. */
    private static int[] openingQuoteAfterBracket(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            int c = s[i];
            boolean opener = c == ' ' || c == '(' || c == '[' || c == '{' || c == '<';
            if (opener && i + 1 < s.length && s[i + 1] == '"') {
                out.add(c).add(" `` ");
                i += 2;
            } else if (opener && i + 2 < s.length && s[i + 1] == '\'' && s[i + 2] == '\'') {
                out.add(c).add(" `` ");
                i += 3;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    /**
     * A quote before a one-character word ({@code 'a}) is split off, unless that character could
     * start a clitic ({@code 'm 't 's 'd 'n}, any case).
     */
    private static int[] quoteBeforeSingleLetter(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            if (s[i] == '\'' && i + 1 < s.length && PythonText.isWord(s[i + 1])
                    && (i + 2 == s.length || !PythonText.isWord(s[i + 2])) && !startsClitic(s[i + 1])) {
                out.add('\'').add(' ').add(s[i + 1]);
                i += 2;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    private static boolean startsClitic(int c) {
        return foldsTo(c, 'm') || foldsTo(c, 't') || foldsTo(c, 's') || foldsTo(c, 'd') || foldsTo(c, 'n');
    }

    /**
     * Python's case-insensitive match of one character against a lowercase ASCII letter: simple
     * lowercase mapping ("İ" reads as "i"), plus the dotless i and the long s that Python also folds.
     */
    private static boolean foldsTo(int c, char letter) {
        return Character.toLowerCase(c) == letter || (letter == 'i' && c == 0x131) || (letter == 's' && c == 0x17F);
    }

    /**
     * The sentence-final period: the last period of the text, not preceded by another, when only
     * closers and then whitespace follow it. The period is replaced by {@code period}, the closers
     * kept and the whitespace after them dropped. The reference applies this twice, with different
     * closers and paddings.
     */
    private static int[] finalPeriod(int[] s, IntPredicate closers, String period) {
        int p = s.length - 1;
        while (p >= 0 && s[p] != '.') {
            p--;
        }
        if (p < 1 || s[p - 1] == '.') {
            return s;
        }
        int closersEnd = p + 1;
        while (closersEnd < s.length && closers.test(s[closersEnd])) {
            closersEnd++;
        }
        for (int k = closersEnd; k < s.length; k++) {
            if (!PythonText.isSpace(s[k])) {
                return s;
            }
        }
        return new Out(s.length + 3).add(s, 0, p).add(period).add(s, p + 1, closersEnd).add(' ').toArray();
    }

    /** {@code :} or {@code ,} not followed by a digit (so "3,000" and "10:30" stay whole). */
    private static int[] colonOrCommaBeforeNonDigit(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            if ((s[i] == ':' || s[i] == ',') && i + 1 < s.length && !PythonText.isDecimal(s[i + 1])) {
                out.add(' ').add(s[i]).add(' ').add(s[i + 1]);
                i += 2;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    /** A {@code :} or {@code ,} ending the text (or followed only by a final newline). */
    private static int[] finalColonOrComma(int[] s) {
        int n = s.length;
        int at;
        if (n >= 1 && (s[n - 1] == ':' || s[n - 1] == ',')) {
            at = n - 1;
        } else if (n >= 2 && s[n - 1] == '\n' && (s[n - 2] == ':' || s[n - 2] == ',')) {
            at = n - 2;
        } else {
            return s;
        }
        return new Out(n + 2).add(s, 0, at).add(' ').add(s[at]).add(' ').add(s, at + 1, n).toArray();
    }

    /** A single quote followed by a space, after anything but a quote: {@code ' }. */
    private static int[] quoteBeforeSpace(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            if (s[i] != '\'' && i + 2 < s.length && s[i + 1] == '\'' && s[i + 2] == ' ') {
                out.add(s[i]).add(" ' ");
                i += 3;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    private static int[] padDoubleDashes(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            if (s[i] == '-' && i + 1 < s.length && s[i + 1] == '-') {
                out.add(" -- ");
                i += 2;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    private static int[] surroundWithSpaces(int[] s) {
        return new Out(s.length + 2).add(' ').add(s, 0, s.length).add(' ').toArray();
    }

    /** {@code ''} and {@code "} that remain are closing quotes: {@code ''}. */
    private static int[] closingDoubleQuotes(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            if (s[i] == '\'' && i + 1 < s.length && s[i + 1] == '\'') {
                out.add(" '' ");
                i += 2;
            } else {
                out.add(s[i++]);
            }
        }
        s = out.toArray();
        out = new Out(s.length);
        for (int c : s) {
            if (c == '"') {
                out.add(" '' ");
            } else {
                out.add(c);
            }
        }
        return out.toArray();
    }

    /** {@code 's 'm 'd} (either case) or a bare quote, after a word character and before a space. */
    private static int[] possessivesAndQuotesBeforeSpace(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            if (s[i] != '\'' && s[i] != ' ' && i + 1 < s.length && s[i + 1] == '\'') {
                if (i + 3 < s.length && isPossessiveLetter(s[i + 2]) && s[i + 3] == ' ') {
                    out.add(s[i]).add(' ').add('\'').add(s[i + 2]).add(' ');
                    i += 4;
                    continue;
                }
                if (i + 2 < s.length && s[i + 2] == ' ') {
                    out.add(s[i]).add(" ' ");
                    i += 3;
                    continue;
                }
            }
            out.add(s[i++]);
        }
        return out.toArray();
    }

    private static boolean isPossessiveLetter(int c) {
        return c == 's' || c == 'S' || c == 'm' || c == 'M' || c == 'd' || c == 'D';
    }

    /** {@code 'll 're 've n't} (all lower or all upper case) before a space. */
    private static int[] encliticsBeforeSpace(int[] s) {
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            if (s[i] != '\'' && s[i] != ' ' && i + 4 < s.length && s[i + 4] == ' ' && isEnclitic(s, i + 1)) {
                out.add(s[i]).add(' ').add(s, i + 1, i + 4).add(' ');
                i += 5;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    private static boolean isEnclitic(int[] s, int at) {
        for (String e : ENCLITICS) {
            if (s[at] == e.charAt(0) && s[at + 1] == e.charAt(1) && s[at + 2] == e.charAt(2)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits the whole word {@code first + second} (any case) into its two parts; "wanna" only when
     * whitespace follows it.
     */
    private static int[] splitContraction(int[] s, String first, String second) {
        String word = first + second;
        boolean needsSpaceAfter = word.equals("wanna");
        Out out = new Out(s.length);
        int i = 0;
        while (i < s.length) {
            int end = i + word.length();
            boolean match = (i == 0 || !PythonText.isWord(s[i - 1])) && matchesIgnoringCase(s, i, word)
                    && (needsSpaceAfter
                            ? end < s.length && PythonText.isSpace(s[end])
                            : end == s.length || !PythonText.isWord(s[end]));
            if (match) {
                out.add(' ').add(s, i, i + first.length()).add(' ').add(s, i + first.length(), end).add(' ');
                i = end;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    /** {@code 'tis} and {@code 'twas} after a space become {@code 't is}, {@code 't was}. */
    private static int[] splitTis(int[] s) {
        for (String word : new String[] {"is", "was"}) {
            Out out = new Out(s.length);
            int i = 0;
            while (i < s.length) {
                int end = i + 3 + word.length();
                boolean match = s[i] == ' ' && matchesIgnoringCase(s, i + 1, "'t" + word)
                        && (end == s.length || !PythonText.isWord(s[end]));
                if (match) {
                    out.add(' ').add(s, i + 1, i + 3).add(' ').add(s, i + 3, end).add(' ');
                    i = end;
                } else {
                    out.add(s[i++]);
                }
            }
            s = out.toArray();
        }
        return s;
    }

    private static boolean matchesIgnoringCase(int[] s, int at, String lowerWord) {
        if (at + lowerWord.length() > s.length) {
            return false;
        }
        for (int k = 0; k < lowerWord.length(); k++) {
            char w = lowerWord.charAt(k);
            if (w == '\'' ? s[at + k] != '\'' : !foldsTo(s[at + k], w)) {
                return false;
            }
        }
        return true;
    }
}
