package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonRegex;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/**
 * {@code detectable_format:multiple_sections}: at least N section headers "SPLITTER number". The reference
 * splits on the Python regex {@code \s?SPLITTER\s?\d+\s?} and counts the pieces minus one, which is the
 * number of matches.
 */
final class MultipleSections extends IfevalConstraint {
    static final String ID = "detectable_format:multiple_sections";
    private final String splitter;
    private final PythonRegex header;
    private final int minimum;

    private MultipleSections(Map<String, Object> kwargs, String splitter, PythonRegex header, int minimum) {
        super(ID, kwargs);
        this.splitter = splitter;
        this.header = header;
        this.minimum = minimum;
    }

    static MultipleSections create(Kwargs kw) {
        String splitter = PythonText.strip(kw.requiredString("section_spliter"));
        PythonRegex header = Patterns.compile(kw, "section_spliter", "\\s?" + splitter + "\\s?\\d+\\s?", false, false);
        int minimum = kw.requiredInt("num_sections", 0);
        return new MultipleSections(kw.done(), splitter, header, minimum);
    }

    @Override
    public boolean check(String response) {
        return header.count(response) >= minimum;
    }

    @Override
    public String describe() {
        return "Organise your response into " + minimum + " sections, starting each with a header line such as \""
                + splitter + " 1\", \"" + splitter + " 2\", and so on.";
    }
}
