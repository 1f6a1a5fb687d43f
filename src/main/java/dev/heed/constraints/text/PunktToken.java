package dev.heed.constraints.text;

/** One word of Punkt's own word split, with the annotations the two passes give it. */
final class PunktToken {
    static final String NUMBER_TYPE = "##number##";

    final String tok;
    /** Case-normalised form; every number reads as {@link #NUMBER_TYPE}. */
    final String type;
    final boolean periodFinal;
    boolean sentbreak;
    boolean abbr;
    boolean ellipsis;

    PunktToken(String tok) {
        this.tok = tok;
        String lower = PythonText.lower(tok);
        this.type = isNumeric(lower) ? NUMBER_TYPE : lower;
        this.periodFinal = tok.endsWith(".");
    }

    String typeNoPeriod() {
        return type.length() > 1 && type.endsWith(".") ? type.substring(0, type.length() - 1) : type;
    }

    String typeNoSentperiod() {
        return sentbreak ? typeNoPeriod() : type;
    }

    boolean firstUpper() {
        return PythonText.isUpper(tok.codePointAt(0));
    }

    boolean firstLower() {
        return PythonText.isLower(tok.codePointAt(0));
    }

    /** Two or more periods and nothing else. */
    boolean isEllipsis() {
        if (tok.length() < 2) {
            return false;
        }
        for (int i = 0; i < tok.length(); i++) {
            if (tok.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    /** One letter-like character and a period, as in "J." */
    boolean isInitial() {
        if (!periodFinal) {
            return false;
        }
        int first = tok.codePointAt(0);
        return Character.charCount(first) + 1 == tok.length() && PythonText.isAlphaLike(first);
    }

    /**
     * Punkt's number shape: an optional minus, an optional leading separator, a decimal digit, then
     * only digits, commas, periods and hyphens ("3.5", "-,5", "1,000.", "12-14").
     */
    private static boolean isNumeric(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
        }
        if (i >= n || !PythonText.isDecimal(s.codePointAt(i))) {
            return false;
        }
        while (i < n) {
            int c = s.codePointAt(i);
            if (!(PythonText.isDecimal(c) || c == ',' || c == '.' || c == '-')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
