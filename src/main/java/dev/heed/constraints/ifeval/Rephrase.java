package dev.heed.constraints.ifeval;

import dev.heed.config.BadInputException;
import dev.heed.constraints.Kwargs;
import java.util.Map;

/**
 * {@code detectable_format:rephrase} (a reference class outside its registry): the response equals the
 * original message except inside {@code *...*} spans. Like the reference, a message or a response
 * with no such span is an error, not a failed check.
 */
final class Rephrase extends IfevalConstraint {
    static final String ID = "detectable_format:rephrase";
    private final String original;

    private Rephrase(Map<String, Object> kwargs, String original) {
        super(ID, kwargs);
        this.original = original;
    }

    static Rephrase create(Kwargs kw) {
        String original = kw.requiredString("original_message");
        if (!hasChange(original)) {
            throw kw.invalid("original_message", "must mark the part to change as *change me*");
        }
        return new Rephrase(kw.done(), original);
    }

    @Override
    public boolean check(String response) {
        if (!hasChange(response)) {
            throw new BadInputException(ID + ": the response marks no change as *change me*");
        }
        return stripChanges(response).equals(stripChanges(original));
    }

    /** {@code re.search(r"\*.*\*", text)}: some line holds two asterisks. */
    static boolean hasChange(String text) {
        for (String line : text.split("\n", -1)) {
            int first = line.indexOf('*');
            if (first >= 0 && line.lastIndexOf('*') > first) {
                return true;
            }
        }
        return false;
    }

    /** {@code re.sub(r"\*.*\*", "", text)}: on each line, cut from the first asterisk through the last. */
    static String stripChanges(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int first = line.indexOf('*');
            int last = line.lastIndexOf('*');
            out.append(first >= 0 && last > first ? line.substring(0, first) + line.substring(last + 1) : line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public String describe() {
        return "Rephrase the message, changing only the words between pairs of asterisks, like *change me*: "
                + original;
    }
}
