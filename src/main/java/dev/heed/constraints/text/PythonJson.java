package dev.heed.constraints.text;

/**
 * Whether Python 3.11's {@code json.loads(s)} accepts {@code s}: RFC 8259 JSON plus {@code NaN},
 * {@code Infinity} and {@code -Infinity}; only space, tab, CR and LF as whitespace; no control
 * characters inside strings; lone surrogate escapes allowed; and no integer of more than 4,300
 * digits (Python's integer-conversion limit raises {@code ValueError} there).
 *
 * <p>The validator keeps its nesting in an array, not on the call stack, so it runs in linear time
 * and constant stack on any input. Python's C scanner recurses and raises {@code RecursionError}
 * (not a {@code ValueError}) on nesting about a thousand deep, which crashes the reference evaluator;
 * here such a document is simply valid.
 */
public final class PythonJson {
    static final int MAX_INT_DIGITS = 4300;

    private final String s;
    private int pos;

    private PythonJson(String s) {
        this.s = s;
    }

    public static boolean isValid(String s) {
        return new PythonJson(s).document();
    }

    private boolean document() {
        skipWhitespace();
        // Each frame is '{' or '['; after a value the top frame decides what may follow.
        char[] stack = new char[16];
        int depth = 0;
        while (true) {
            // expecting a value
            if (pos >= s.length()) {
                return false;
            }
            char c = s.charAt(pos);
            boolean opened = false;
            if (c == '{' || c == '[') {
                pos++;
                skipWhitespace();
                char close = c == '{' ? '}' : ']';
                if (pos < s.length() && s.charAt(pos) == close) {
                    pos++;
                } else {
                    if (depth == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, depth * 2);
                    }
                    stack[depth++] = c;
                    opened = true;
                    if (c == '{' && !memberName()) {
                        return false;
                    }
                }
            } else if (!scalar()) {
                return false;
            }
            if (opened) {
                continue;
            }
            // after a complete value: close containers or move to the next element
            while (true) {
                skipWhitespace();
                if (depth == 0) {
                    return pos == s.length();
                }
                if (pos >= s.length()) {
                    return false;
                }
                char top = stack[depth - 1];
                char c2 = s.charAt(pos);
                if (c2 == ',') {
                    pos++;
                    skipWhitespace();
                    if (top == '{' && !memberName()) {
                        return false;
                    }
                    break;
                }
                if (c2 == (top == '{' ? '}' : ']')) {
                    pos++;
                    depth--;
                    continue;
                }
                return false;
            }
        }
    }

    /** {@code "name" ws ':' ws}, leaving {@code pos} at the member's value. */
    private boolean memberName() {
        if (pos >= s.length() || s.charAt(pos) != '"' || !string()) {
            return false;
        }
        skipWhitespace();
        if (pos >= s.length() || s.charAt(pos) != ':') {
            return false;
        }
        pos++;
        skipWhitespace();
        return true;
    }

    private boolean scalar() {
        char c = s.charAt(pos);
        if (c == '"') {
            return string();
        }
        for (String word : new String[] {"true", "false", "null", "NaN", "Infinity", "-Infinity"}) {
            if (s.startsWith(word, pos)) {
                pos += word.length();
                return true;
            }
        }
        return number();
    }

    private boolean string() {
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    return false;
                }
                char e = s.charAt(pos++);
                if (e == 'u') {
                    if (pos + 4 > s.length()) {
                        return false;
                    }
                    for (int i = 0; i < 4; i++) {
                        if (!isHex(s.charAt(pos + i))) {
                            return false;
                        }
                    }
                    pos += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}, as Python's scanner matches it. */
    private boolean number() {
        int start = pos;
        if (pos < s.length() && s.charAt(pos) == '-') {
            pos++;
        }
        int intStart = pos;
        if (pos < s.length() && s.charAt(pos) == '0') {
            pos++;
        } else if (pos < s.length() && s.charAt(pos) >= '1' && s.charAt(pos) <= '9') {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        } else {
            pos = start;
            return false;
        }
        int intDigits = pos - intStart;
        boolean isFloat = false;
        if (pos + 1 < s.length() && s.charAt(pos) == '.' && isDigit(s.charAt(pos + 1))) {
            pos += 2;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
            isFloat = true;
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int e = pos + 1;
            if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            if (e < s.length() && isDigit(s.charAt(e))) {
                while (e < s.length() && isDigit(s.charAt(e))) {
                    e++;
                }
                pos = e;
                isFloat = true;
            }
        }
        return isFloat || intDigits <= MAX_INT_DIGITS;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
