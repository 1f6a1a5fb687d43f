package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.langdetect.LanguageDetector;
import java.util.Map;

/**
 * {@code language:response_language}: langdetect (seed 0) names the requested language. A text with
 * nothing to detect passes, as in the reference.
 */
final class ResponseLanguage extends IfevalConstraint {
    static final String ID = "language:response_language";
    private final String language;

    private ResponseLanguage(Map<String, Object> kwargs, String language) {
        super(ID, kwargs);
        this.language = language;
    }

    static ResponseLanguage create(Kwargs kw) {
        String language = kw.requiredChoice("language", IfevalLanguages.CODES);
        return new ResponseLanguage(kw.done(), language);
    }

    @Override
    public boolean check(String response) {
        return LanguageDetector.standard().detect(response).map(language::equals).orElse(true);
    }

    @Override
    public String describe() {
        return "Write your whole response in " + IfevalLanguages.name(language) + " and in no other language.";
    }
}
