package dev.heed.constraints.ifeval;

import java.util.List;
import java.util.Map;

/** The 30 ISO 639-1 codes IFEval's language instruction accepts, with their English names. */
final class IfevalLanguages {
    private IfevalLanguages() {}

    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("en", "English"),
            Map.entry("es", "Spanish"), Map.entry("pt", "Portuguese"), Map.entry("ar", "Arabic"),
            Map.entry("hi", "Hindi"), Map.entry("fr", "French"), Map.entry("ru", "Russian"), Map.entry("de", "German"),
            Map.entry("ja", "Japanese"), Map.entry("it", "Italian"), Map.entry("bn", "Bengali"),
            Map.entry("uk", "Ukrainian"), Map.entry("th", "Thai"), Map.entry("ur", "Urdu"), Map.entry("ta", "Tamil"),
            Map.entry("te", "Telugu"), Map.entry("bg", "Bulgarian"), Map.entry("ko", "Korean"),
            Map.entry("pl", "Polish"), Map.entry("he", "Hebrew"), Map.entry("fa", "Persian"),
            Map.entry("vi", "Vietnamese"), Map.entry("ne", "Nepali"), Map.entry("sw", "Swahili"),
            Map.entry("kn", "Kannada"), Map.entry("mr", "Marathi"), Map.entry("gu", "Gujarati"),
            Map.entry("pa", "Punjabi"), Map.entry("ml", "Malayalam"), Map.entry("fi", "Finnish"));

    static final List<String> CODES = NAMES.keySet().stream().sorted().toList();

    static String name(String code) {
        return NAMES.get(code);
    }
}
