package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code detectable_content:rephrase_paragraph} (a reference class outside its registry): the response
 * shares between LOW and HIGH words with the original paragraph, counting each word as often as it
 * occurs in both (words are lowercase {@code \w+} runs).
 */
final class RephraseParagraph extends IfevalConstraint {
    static final String ID = "detectable_content:rephrase_paragraph";
    private final String original;
    private final Map<String, Integer> originalWords;
    private final int low;
    private final int high;

    private RephraseParagraph(Map<String, Object> kwargs, String original, int low, int high) {
        super(ID, kwargs);
        this.original = original;
        this.originalWords = wordCounts(original);
        this.low = low;
        this.high = high;
    }

    static RephraseParagraph create(Kwargs kw) {
        String original = kw.requiredString("original_paragraph");
        int low = kw.requiredInt("low");
        int high = kw.requiredInt("high");
        return new RephraseParagraph(kw.done(), original, low, high);
    }

    @Override
    public boolean check(String response) {
        Map<String, Integer> words = wordCounts(response);
        long shared = 0;
        for (Map.Entry<String, Integer> e : originalWords.entrySet()) {
            shared += Math.min(e.getValue(), words.getOrDefault(e.getKey(), 0));
        }
        return shared >= low && shared <= high;
    }

    private static Map<String, Integer> wordCounts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : PythonText.wordRuns(PythonText.lower(text))) {
            counts.merge(word, 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public String describe() {
        return "Rephrase this paragraph so that between " + low + " and " + high + " of its words stay the same: "
                + original;
    }
}
