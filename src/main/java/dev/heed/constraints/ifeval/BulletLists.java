package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/**
 * {@code detectable_format:number_bullet_lists}: exactly N markdown bullets, counted as the reference
 * does with two multiline regexes, {@code ^\s*\*[^\*].*$} and {@code ^\s*-.*$}. Their quirks are kept:
 * {@code \s*} may run across blank lines, {@code [^\*]} may be a newline (so a match can swallow the
 * next line), and a horizontal rule "---" counts as a bullet.
 */
final class BulletLists extends IfevalConstraint {
    static final String ID = "detectable_format:number_bullet_lists";
    private final int bullets;

    private BulletLists(Map<String, Object> kwargs, int bullets) {
        super(ID, kwargs);
        this.bullets = bullets;
    }

    static BulletLists create(Kwargs kw) {
        int bullets = kw.requiredInt("num_bullets", 0);
        return new BulletLists(kw.done(), bullets);
    }

    @Override
    public boolean check(String response) {
        return count(response, true) + count(response, false) == bullets;
    }

    /**
     * {@code len(re.findall(pattern, text, re.MULTILINE))} in linear time. A match starts at a line start p,
     * lets {@code \s*} run to the end q of the whitespace there, and needs the marker at q (for '*', also
     * one more character that is not '*', possibly a newline). Every line start inside that whitespace run
     * reaches the same q, so after a failure the next candidate is the first line start after q. A match
     * ends at the end of the line holding its tail; the search resumes there.
     */
    static int count(String text, boolean asterisk) {
        int n = text.length();
        int count = 0;
        int p = 0;
        while (p <= n) {
            int q = p;
            while (q < n && PythonText.isSpace(text.charAt(q))) {
                q++;
            }
            int tail; // where ".*$" begins, or -1 when no match starts at p
            if (asterisk) {
                tail = q + 1 < n && text.charAt(q) == '*' && text.charAt(q + 1) != '*' ? q + 2 : -1;
            } else {
                tail = q < n && text.charAt(q) == '-' ? q + 1 : -1;
            }
            int from = q;
            if (tail >= 0) {
                count++;
                int end = tail;
                while (end < n && text.charAt(end) != '\n') {
                    end++;
                }
                if (text.charAt(end - 1) == '\n') { // the match ended right after a newline: a line start
                    p = end;
                    continue;
                }
                from = end;
            }
            int newline = text.indexOf('\n', from);
            if (newline < 0) {
                break;
            }
            p = newline + 1;
        }
        return count;
    }

    @Override
    public String describe() {
        return "Use exactly " + bullets + " markdown bullet points, each on its own line starting with \"* \".";
    }
}
