package dev.heed.constraints.text;

import java.util.ArrayList;
import java.util.List;

/**
 * NLTK's Punkt sentence tokenizer (Kiss and Strunk 2006) applying a trained model, with the same
 * sentence boundaries as NLTK 3.8's {@code PunktSentenceTokenizer.tokenize} (English language
 * variables, closing punctuation realigned onto the sentence it ends).
 *
 * <p>Only candidate boundaries are examined: each '.', '?' or '!' followed by a non-word character or
 * by whitespace and another token. A candidate is decided by running both annotation passes over its
 * small context (the word before, the mark, what follows), so the whole text is scanned a bounded
 * number of times and runs in linear time.
 */
public final class PunktSentenceTokenizer {
    /** A sentence's start (inclusive) and end (exclusive) as UTF-16 indices into the text. */
    public record Span(int start, int end) {}

    private enum Ortho { STARTS, CONTINUES, UNKNOWN }

    private final PunktParameters params;

    public PunktSentenceTokenizer(PunktParameters params) {
        this.params = params;
    }

    /** The sentences of {@code text}, as {@code nltk.sent_tokenize(text)} returns them. */
    public List<String> tokenize(String text) {
        List<String> sentences = new ArrayList<>();
        for (Span span : spanTokenize(text)) {
            sentences.add(text.substring(span.start, span.end));
        }
        return sentences;
    }

    /** Where each sentence of {@link #tokenize} lies in {@code text}. */
    public List<Span> spanTokenize(String text) {
        return realignBoundaries(text, slices(text));
    }

    /** A candidate boundary mark and the token after it (absent when a non-word character follows). */
    private record Candidate(int mark, int afterEnd, int nextTokenStart) {}

    /** A candidate mark kept for a decision, with the start of the word it ends. */
    private record Kept(int wordStart, int mark) {}

    /** Raw sentence slices: each ends just after a mark that the annotation passes call a break. */
    private List<Span> slices(String text) {
        List<Span> slices = new ArrayList<>();
        int lastBreak = 0;
        for (Kept kept : candidatesWithWordBefore(text)) {
            Candidate c = candidateAt(text, kept.mark);
            // The word before the mark, the mark, and what follows it.
            if (containsSentenceBreak(text.substring(kept.wordStart, c.afterEnd))) {
                slices.add(new Span(lastBreak, c.mark + 1));
                lastBreak = c.nextTokenStart >= 0 ? c.nextTokenStart : c.mark + 1;
            }
        }
        slices.add(new Span(lastBreak, PythonText.rstripEnd(text)));
        return slices;
    }

    /**
     * Pairs each kept candidate mark with the start of the word before it. Consecutive marks inside
     * one whitespace-free run ("!!!", "a.b.c.") share that word, and only the last of them is kept, as
     * in NLTK. The word start is found by looking back to the last ASCII whitespace character only
     * ({@code string.whitespace}), and a whitespace character at the very start of the looked-at
     * stretch counts as none: both quirks of the reference, kept on purpose.
     */
    private static List<Kept> candidatesWithWordBefore(String text) {
        List<Kept> kept = new ArrayList<>();
        int prevMark = -1;
        int prevWordStart = 0;
        int prevWordEnd = 0;
        for (int p = 0; p < text.length(); p++) {
            if (candidateAt(text, p) == null) {
                continue;
            }
            int wordStart = prevWordStart;
            for (int k = p - 1; k > prevWordEnd; k--) {
                if (PythonText.isAsciiSpace(text.charAt(k))) {
                    wordStart = k + 1;
                    break;
                }
            }
            if (prevMark >= 0 && prevWordEnd <= wordStart) {
                kept.add(new Kept(prevWordStart, prevMark));
            }
            prevMark = p;
            prevWordStart = wordStart;
            prevWordEnd = p;
        }
        if (prevMark >= 0) {
            kept.add(new Kept(prevWordStart, prevMark));
        }
        return kept;
    }

    private static Candidate candidateAt(String text, int p) {
        char c = text.charAt(p);
        if (c != '.' && c != '?' && c != '!') {
            return null;
        }
        int q = p + 1;
        if (q >= text.length()) {
            return null;
        }
        if (PunktWordSplitter.isNonWord(text.charAt(q))) {
            return new Candidate(p, q + 1, -1);
        }
        int r = q;
        while (r < text.length() && PythonText.isSpace(text.charAt(r))) {
            r++;
        }
        if (r == q || r == text.length()) {
            return null;
        }
        int t = r;
        while (t < text.length() && !PythonText.isSpace(text.charAt(t))) {
            t++;
        }
        return new Candidate(p, t, r);
    }

    /**
     * Moves closing quotes and brackets that follow a boundary ("(Sent1.) Sent2.") back onto the
     * sentence they close. Empty sentences are dropped.
     */
    private static List<Span> realignBoundaries(String text, List<Span> slices) {
        List<Span> out = new ArrayList<>();
        int realign = 0;
        for (int i = 0; i < slices.size(); i++) {
            int start = slices.get(i).start + realign;
            int end = slices.get(i).end;
            Span next = i + 1 < slices.size() ? slices.get(i + 1) : null;
            int closersEnd = next == null ? -1 : closersEnd(text, next.start, next.end);
            if (closersEnd >= 0) {
                out.add(new Span(start, closersEnd));
                realign = afterSpaces(text, closersEnd, next.end) - next.start;
            } else {
                realign = 0;
                if (start < end) {
                    out.add(new Span(start, end));
                }
            }
        }
        return out;
    }

    /**
     * If {@code text[from, to)} opens with closing quotes or brackets (" ' ) ] and right brace) that end
     * at whitespace, at "--" or at the end of the range, the index just past them; otherwise -1.
     */
    private static int closersEnd(String text, int from, int to) {
        int k = from;
        while (k < to && isCloser(text.charAt(k))) {
            k++;
            if (k == to || PythonText.isSpace(text.charAt(k))
                    || (k + 1 < to && text.charAt(k) == '-' && text.charAt(k + 1) == '-')) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
    }

    private static int afterSpaces(String text, int from, int to) {
        int k = from;
        while (k < to && PythonText.isSpace(text.charAt(k))) {
            k++;
        }
        return k;
    }

    /** Whether any token but the last of {@code context} is a sentence break after both passes. */
    private boolean containsSentenceBreak(String context) {
        List<PunktToken> tokens = PunktWordSplitter.split(context);
        for (PunktToken t : tokens) {
            annotateByType(t);
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            annotateInContext(tokens.get(i), tokens.get(i + 1));
            if (tokens.get(i).sentbreak) {
                return true;
            }
        }
        return false;
    }

    /** First pass: sentence marks, ellipses, known abbreviations, and other period-final words. */
    private void annotateByType(PunktToken t) {
        String tok = t.tok;
        if (tok.equals(".") || tok.equals("?") || tok.equals("!")) {
            t.sentbreak = true;
        } else if (t.isEllipsis()) {
            t.ellipsis = true;
        } else if (t.periodFinal && !tok.endsWith("..")) {
            String base = PythonText.lower(tok.substring(0, tok.length() - 1));
            String lastPart = base.substring(base.lastIndexOf('-') + 1);
            if (params.isAbbreviation(base) || params.isAbbreviation(lastPart)) {
                t.abbr = true;
            } else {
                t.sentbreak = true;
            }
        }
    }

    /**
     * Second pass on a period-final word, given the word after it: collocations, the orthographic
     * and frequent-sentence-starter heuristics for abbreviations, and the rules for initials and
     * ordinal numbers.
     */
    private void annotateInContext(PunktToken t, PunktToken next) {
        if (!t.periodFinal) {
            return;
        }
        String type = t.typeNoPeriod();
        String nextType = next.typeNoSentperiod();
        boolean initial = t.isInitial();

        if (params.isCollocation(type, nextType)) {
            t.sentbreak = false;
            t.abbr = true;
            return;
        }
        if ((t.abbr || t.ellipsis) && !initial) {
            if (orthoHeuristic(next) == Ortho.STARTS
                    || (next.firstUpper() && params.isSentenceStarter(nextType))) {
                t.sentbreak = true;
                return;
            }
        }
        if (initial || type.equals(PunktToken.NUMBER_TYPE)) {
            Ortho ortho = orthoHeuristic(next);
            if (ortho == Ortho.CONTINUES
                    || (ortho == Ortho.UNKNOWN && initial && next.firstUpper()
                            && (params.orthoContext(nextType) & PunktParameters.LC) == 0)) {
                t.sentbreak = false;
                t.abbr = true;
            }
        }
    }

    /** Whether the orthography seen in training says {@code t} starts a sentence. */
    private Ortho orthoHeuristic(PunktToken t) {
        if (t.tok.length() == 1 && ";:,.!?".indexOf(t.tok.charAt(0)) >= 0) {
            return Ortho.CONTINUES;
        }
        int context = params.orthoContext(t.typeNoSentperiod());
        if (t.firstUpper() && (context & PunktParameters.LC) != 0 && (context & PunktParameters.MID_UC) == 0) {
            return Ortho.STARTS;
        }
        if (t.firstLower() && ((context & PunktParameters.UC) != 0 || (context & PunktParameters.BEG_LC) == 0)) {
            return Ortho.CONTINUES;
        }
        return Ortho.UNKNOWN;
    }
}
