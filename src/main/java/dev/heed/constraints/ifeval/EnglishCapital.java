package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.langdetect.LanguageDetector;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code change_case:english_capital}: all cased letters are capitals and langdetect says English (undetectable text passes). */
final class EnglishCapital extends IfevalConstraint {
    static final String ID = "change_case:english_capital";

    private EnglishCapital(Map<String, Object> kwargs) {
        super(ID, kwargs);
    }

    static EnglishCapital create(Kwargs kw) {
        return new EnglishCapital(kw.done());
    }

    @Override
    public boolean check(String response) {
        return PythonText.isUpper(response)
                && LanguageDetector.standard().detect(response).map("en"::equals).orElse(true);
    }

    @Override
    public String describe() {
        return "Write your entire response in English, using capital letters only.";
    }
}
