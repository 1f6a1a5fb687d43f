package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code startend:quotation}: the whole response is wrapped in double quotes. */
final class Quotation extends IfevalConstraint {
    static final String ID = "startend:quotation";

    private Quotation(Map<String, Object> kwargs) {
        super(ID, kwargs);
    }

    static Quotation create(Kwargs kw) {
        return new Quotation(kw.done());
    }

    @Override
    public boolean check(String response) {
        String s = PythonText.strip(response);
        return s.length() > 1 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"';
    }

    @Override
    public String describe() {
        return "Put your entire response inside double quotation marks.";
    }
}
