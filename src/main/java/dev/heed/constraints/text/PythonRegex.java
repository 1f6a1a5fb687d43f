package dev.heed.constraints.text;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Python 3.11 {@code re} pattern (str, Unicode mode) compiled to a {@link Pattern} that matches the
 * same strings. Some IFEval checkers splice user text into a regular expression (a keyword, a section
 * marker), so that text is Python regex syntax and must mean what it means in Python: {@code \w},
 * {@code \s}, {@code \d} and {@code \b} are Unicode in Python and differ from Java's; {@code .}
 * stops only at '\n'; {@code $} also matches before a final '\n'; {@code {,n}} is a quantifier;
 * a '{' that does not start a quantifier is a literal; a '[' inside a class is a literal. Every
 * literal is emitted escaped, so no Java-only syntax can leak in.
 *
 * <p>Constructs outside the supported subset (inline flags, conditionals, named Unicode escapes) are
 * rejected with {@link IllegalArgumentException}, as are patterns Python itself rejects.
 */
public final class PythonRegex {
    /** Python's {@code \w}: letters, numbers and underscore (see {@link PythonText#isWord}). */
    private static final String WORD = "\\p{L}\\p{N}_";
    /** Python's {@code \s} (see {@link PythonText#isSpace}). */
    private static final String SPACE = "\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
            + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
    private static final String BOUNDARY = "(?:(?<=[" + WORD + "])(?![" + WORD + "])|(?<![" + WORD + "])(?=["
            + WORD + "]))";
    private static final String NOT_BOUNDARY = "(?:(?<=[" + WORD + "])(?=[" + WORD + "])|(?<![" + WORD + "])(?!["
            + WORD + "]))";

    private final String source;
    private final Pattern pattern;

    private PythonRegex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /**
     * Compiles {@code source} with Python's {@code re.IGNORECASE} and/or {@code re.MULTILINE} semantics.
     *
     * @throws IllegalArgumentException when Python would reject the pattern or it uses an unsupported construct
     */
    public static PythonRegex compile(String source, boolean ignoreCase, boolean multiline) {
        String java = new Translator(source, multiline).translate();
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        try {
            return new PythonRegex(source, Pattern.compile(java, flags));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("cannot translate regular expression '" + source + "': "
                    + e.getDescription());
        }
    }

    public String source() {
        return source;
    }

    /** The translated Java pattern. */
    public Pattern pattern() {
        return pattern;
    }

    /** {@code re.search(...) is not None}. */
    public boolean search(CharSequence text) {
        return pattern.matcher(text).find();
    }

    /**
     * Whether the pattern matches starting exactly at {@code from} ({@code pattern.match(text, from)}); the
     * text around {@code from} stays visible to anchors and lookbehinds.
     */
    public boolean matchesAt(CharSequence text, int from) {
        Matcher m = pattern.matcher(text);
        m.useTransparentBounds(true).useAnchoringBounds(false).region(from, text.length());
        return m.lookingAt();
    }

    /** {@code len(re.findall(...))}: non-overlapping matches, empty ones included. */
    public int count(CharSequence text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Recursive-descent translation; {@code pos} walks {@code src} by UTF-16 unit, code points are kept whole. */
    private static final class Translator {
        private final String src;
        private final boolean multiline;
        private final StringBuilder out = new StringBuilder();
        private final Map<String, Integer> groupNames = new HashMap<>();
        private int pos;
        private int groups;

        Translator(String src, boolean multiline) {
            this.src = src;
            this.multiline = multiline;
        }

        String translate() {
            alternation();
            if (pos < src.length()) {
                throw error(src.charAt(pos) == ')' ? "unbalanced parenthesis" : "unexpected character");
            }
            return out.toString();
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid or unsupported regular expression '" + src + "': " + what
                    + " at position " + pos);
        }

        private boolean more() {
            return pos < src.length();
        }

        private char peek() {
            return src.charAt(pos);
        }

        private boolean lookingAt(String s) {
            return src.startsWith(s, pos);
        }

        private void alternation() {
            sequence();
            while (more() && peek() == '|') {
                pos++;
                out.append('|');
                sequence();
            }
        }

        private void sequence() {
            while (more() && peek() != '|' && peek() != ')') {
                boolean repeatable = atom();
                quantifier(repeatable);
            }
        }

        /** Emits one atom; returns whether a quantifier may follow it. */
        private boolean atom() {
            char c = peek();
            switch (c) {
                case '(':
                    group();
                    return true;
                case '[':
                    charClass();
                    return true;
                case '.':
                    pos++;
                    out.append("[^\\n]");
                    return true;
                case '^':
                    pos++;
                    out.append(multiline ? "(?<![^\\n])" : "\\A");
                    return false;
                case '$':
                    pos++;
                    out.append(multiline ? "(?=\\n|\\z)" : "(?=\\n?\\z)");
                    return false;
                case '\\':
                    return escape();
                case '*':
                case '+':
                case '?':
                    throw error("nothing to repeat");
                case '{':
                    if (quantifierEnd(pos) > 0) {
                        throw error("nothing to repeat");
                    }
                    pos++;
                    literal('{');
                    return true;
                default:
                    int cp = src.codePointAt(pos);
                    pos += Character.charCount(cp);
                    literal(cp);
                    return true;
            }
        }

        private void literal(int cp) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
                out.append((char) cp);
            } else {
                out.append("\\x{").append(Integer.toHexString(cp)).append('}');
            }
        }

        private void group() {
            pos++;
            if (lookingAt("?#")) {
                int end = src.indexOf(')', pos);
                if (end < 0) {
                    throw error("missing ), unterminated comment");
                }
                pos = end + 1;
                return;
            }
            if (lookingAt("?:") || lookingAt("?=") || lookingAt("?!") || lookingAt("?>")) {
                out.append('(').append(src, pos, pos + 2);
                pos += 2;
            } else if (lookingAt("?<=") || lookingAt("?<!")) {
                out.append('(').append(src, pos, pos + 3);
                pos += 3;
            } else if (lookingAt("?P<")) {
                int end = src.indexOf('>', pos);
                if (end < 0) {
                    throw error("missing >, unterminated name");
                }
                String name = src.substring(pos + 3, end);
                if (!isIdentifier(name)) {
                    throw error("bad character in group name '" + name + "'");
                }
                groups++;
                if (groupNames.putIfAbsent(name, groups) != null) {
                    throw error("redefinition of group name '" + name + "'");
                }
                out.append('(');
                pos = end + 1;
            } else if (lookingAt("?P=")) {
                int end = src.indexOf(')', pos);
                if (end < 0) {
                    throw error("missing ), unterminated name");
                }
                Integer number = groupNames.get(src.substring(pos + 3, end));
                if (number == null) {
                    throw error("unknown group name");
                }
                out.append("(?:\\").append(number).append(')');
                pos = end + 1;
                return;
            } else if (lookingAt("?")) {
                throw error("inline flags and conditionals are not supported");
            } else {
                groups++;
                out.append('(');
            }
            alternation();
            if (!more() || peek() != ')') {
                throw error("missing ), unterminated subpattern");
            }
            pos++;
            out.append(')');
        }

        private static boolean isIdentifier(String name) {
            if (name.isEmpty() || !Character.isUnicodeIdentifierStart(name.codePointAt(0)) && name.charAt(0) != '_') {
                return false;
            }
            return name.codePoints().allMatch(cp -> Character.isUnicodeIdentifierPart(cp) || cp == '_');
        }

        /** Escapes outside a class. Returns whether a quantifier may follow. */
        private boolean escape() {
            if (pos + 1 >= src.length()) {
                throw error("bad escape (end of pattern)");
            }
            char e = src.charAt(pos + 1);
            switch (e) {
                case 'A' -> { pos += 2; out.append("\\A"); return false; }
                case 'Z' -> { pos += 2; out.append("\\z"); return false; }
                case 'b' -> { pos += 2; out.append(BOUNDARY); return false; }
                case 'B' -> { pos += 2; out.append(NOT_BOUNDARY); return false; }
                case 'd', 'D', 's', 'S', 'w', 'W' -> { pos += 2; out.append(classEscape(e, false)); return true; }
                default -> {
                    if (e >= '1' && e <= '9') {
                        backreference();
                        return true;
                    }
                    literal(escapedCodePoint(false));
                    return true;
                }
            }
        }

        private void backreference() {
            int start = pos + 1;
            int end = start + 1;
            if (end < src.length() && Character.isDigit(src.charAt(end)) && src.charAt(end) < 0x80) {
                if (src.charAt(start) <= '7' && src.charAt(end) <= '7' && end + 1 < src.length()
                        && src.charAt(end + 1) >= '0' && src.charAt(end + 1) <= '7') {
                    literal(escapedCodePoint(false)); // three octal digits: a character
                    return;
                }
                end++;
            }
            int number = Integer.parseInt(src.substring(start, end));
            if (number > groups) {
                throw error("invalid group reference " + number);
            }
            pos = end;
            out.append("(?:\\").append(number).append(')');
        }

        /** A single-character escape; {@code pos} is at the backslash and moves past the escape. */
        private int escapedCodePoint(boolean inClass) {
            char e = src.charAt(pos + 1);
            switch (e) {
                case 'a': pos += 2; return 0x07;
                case 'f': pos += 2; return '\f';
                case 'n': pos += 2; return '\n';
                case 'r': pos += 2; return '\r';
                case 't': pos += 2; return '\t';
                case 'v': pos += 2; return 0x0B;
                case 'x': return hex(2);
                case 'u': return hex(4);
                case 'U': return hex(8);
                case '0': {
                    int end = pos + 2;
                    while (end < src.length() && end < pos + 4 && src.charAt(end) >= '0' && src.charAt(end) <= '7') {
                        end++;
                    }
                    int cp = Integer.parseInt("0" + src.substring(pos + 2, end), 8);
                    pos = end;
                    return cp;
                }
                default:
                    if (e >= '1' && e <= '7') {
                        // up to three octal digits (outside a class only reached with exactly three)
                        int end = pos + 2;
                        while (end < src.length() && end < pos + 4 && octal(end)) {
                            end++;
                        }
                        int cp = Integer.parseInt(src.substring(pos + 1, end), 8);
                        if (cp > 0377) {
                            throw error("octal escape value outside of range 0-0o377");
                        }
                        pos = end;
                        return cp;
                    }
                    if (inClass && e >= '1' && e <= '9') {
                        throw error("bad escape \\" + e);
                    }
                    int cp = src.codePointAt(pos + 1);
                    if (cp < 0x80 && Character.isLetterOrDigit(cp)) {
                        throw error("bad escape \\" + (char) cp);
                    }
                    pos += 1 + Character.charCount(cp);
                    return cp;
            }
        }

        private boolean octal(int i) {
            return i < src.length() && src.charAt(i) >= '0' && src.charAt(i) <= '7';
        }

        private int hex(int digits) {
            int start = pos + 2;
            int end = start + digits;
            if (end > src.length()) {
                throw error("incomplete escape");
            }
            String h = src.substring(start, end);
            for (int i = 0; i < h.length(); i++) {
                if (Character.digit(h.charAt(i), 16) < 0 || h.charAt(i) >= 0x80) {
                    throw error("incomplete escape");
                }
            }
            long cp = Long.parseLong(h, 16);
            if (cp > Character.MAX_CODE_POINT) {
                throw error("bad escape (code point out of range)");
            }
            pos = end;
            return (int) cp;
        }

        private static String classEscape(char e, boolean inClass) {
            String body = switch (Character.toLowerCase(e)) {
                case 'd' -> "\\p{Nd}";
                case 's' -> SPACE;
                default -> WORD;
            };
            boolean negated = Character.isUpperCase(e);
            if (inClass) {
                return negated ? "[^" + body + "]" : body;
            }
            return (negated ? "[^" : "[") + body + "]";
        }

        private void charClass() {
            pos++;
            StringBuilder cls = new StringBuilder("[");
            if (more() && peek() == '^') {
                cls.append('^');
                pos++;
            }
            boolean first = true;
            boolean empty = true;
            while (true) {
                if (!more()) {
                    throw error("unterminated character set");
                }
                if (peek() == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                empty = false;
                int lo;
                if (peek() == '\\') {
                    char e = pos + 1 < src.length() ? src.charAt(pos + 1) : 0;
                    if ("dDsSwW".indexOf(e) >= 0 && e != 0) {
                        pos += 2;
                        cls.append(classEscape(e, true));
                        if (more() && peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                            throw error("bad character range");
                        }
                        continue;
                    }
                    if (e == 'b') {
                        pos += 2;
                        lo = '\b';
                    } else if (pos + 1 >= src.length()) {
                        throw error("bad escape (end of pattern)");
                    } else {
                        lo = escapedCodePoint(true);
                    }
                } else {
                    lo = src.codePointAt(pos);
                    pos += Character.charCount(lo);
                }
                if (more() && peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                    pos++;
                    int hi;
                    if (peek() == '\\') {
                        char e = pos + 1 < src.length() ? src.charAt(pos + 1) : 0;
                        if ("dDsSwW".indexOf(e) >= 0) {
                            throw error("bad character range");
                        }
                        hi = e == 'b' ? '\b' : escapedCodePoint(true);
                        if (e == 'b') {
                            pos += 2;
                        }
                    } else {
                        hi = src.codePointAt(pos);
                        pos += Character.charCount(hi);
                    }
                    if (hi < lo) {
                        throw error("bad character range");
                    }
                    cls.append("\\x{").append(Integer.toHexString(lo)).append("}-\\x{")
                            .append(Integer.toHexString(hi)).append('}');
                } else {
                    cls.append("\\x{").append(Integer.toHexString(lo)).append('}');
                }
            }
            if (empty) {
                throw error("unterminated character set");
            }
            out.append(cls).append(']');
        }

        /** The end index of a valid {@code {m}}, {@code {m,}}, {@code {,n}} or {@code {m,n}} at {@code at}, or -1. */
        private int quantifierEnd(int at) {
            int close = src.indexOf('}', at);
            if (close < 0) {
                return -1;
            }
            String body = src.substring(at + 1, close);
            return !body.isEmpty() && body.matches("[0-9]*(,[0-9]*)?") ? close + 1 : -1;
        }

        private void quantifier(boolean repeatable) {
            if (!more()) {
                return;
            }
            char c = peek();
            String q;
            if (c == '*' || c == '+' || c == '?') {
                q = String.valueOf(c);
                pos++;
            } else if (c == '{' && quantifierEnd(pos) > 0) {
                int end = quantifierEnd(pos);
                String body = src.substring(pos + 1, end - 1);
                int comma = body.indexOf(',');
                if (comma < 0) {
                    q = "{" + Integer.parseInt(body) + "}";
                } else {
                    String lo = body.substring(0, comma);
                    String hi = body.substring(comma + 1);
                    long min = lo.isEmpty() ? 0 : Long.parseLong(lo);
                    if (!hi.isEmpty() && Long.parseLong(hi) < min) {
                        throw error("min repeat greater than max repeat");
                    }
                    q = "{" + min + "," + hi + "}";
                }
                pos = end;
            } else {
                return;
            }
            if (!repeatable) {
                throw error("nothing to repeat");
            }
            out.append(q);
            if (more() && (peek() == '?' || peek() == '+')) {
                out.append(peek());
                pos++;
            }
            if (more() && (peek() == '*' || peek() == '+' || peek() == '?'
                    || (peek() == '{' && quantifierEnd(pos) > 0))) {
                throw error("multiple repeat");
            }
        }
    }
}
