package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.langdetect.LanguageDetector;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code change_case:english_lowercase}: no capital letters at all and langdetect says English (undetectable text passes). */
final class EnglishLowercase extends IfevalConstraint {
    static final String ID = "change_case:english_lowercase";

    private EnglishLowercase(Map<String, Object> kwargs) {
        super(ID, kwargs);
    }

    static EnglishLowercase create(Kwargs kw) {
        return new EnglishLowercase(kw.done());
    }

    @Override
    public boolean check(String response) {
        return PythonText.isLower(response)
                && LanguageDetector.standard().detect(response).map("en"::equals).orElse(true);
    }

    @Override
    public String describe() {
        return "Write your entire response in English, in lowercase letters only; no capitals anywhere.";
    }
}
