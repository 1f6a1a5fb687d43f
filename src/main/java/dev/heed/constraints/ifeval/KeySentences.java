package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.IfevalText;
import java.util.List;
import java.util.Map;

/**
 * {@code keywords:key_sentences} (a reference class outside its registry): exactly N of the key
 * sentences appear among the response's sentences, as IFEval's rule-based splitter cuts them.
 */
final class KeySentences extends IfevalConstraint {
    static final String ID = "keywords:key_sentences";
    private final List<String> sentences;
    private final int required;

    private KeySentences(Map<String, Object> kwargs, List<String> sentences, int required) {
        super(ID, kwargs);
        this.sentences = sentences;
        this.required = required;
    }

    static KeySentences create(Kwargs kw) {
        List<String> sentences = kw.requiredStringList("key_sentences");
        if (sentences.isEmpty()) {
            throw kw.invalid("key_sentences", "must not be empty");
        }
        int required = kw.requiredInt("num_sentences", 1);
        return new KeySentences(kw.done(), sentences, required);
    }

    @Override
    public boolean check(String response) {
        List<String> found = IfevalText.splitIntoSentences(response);
        long count = sentences.stream().filter(found::contains).count();
        return count == required;
    }

    @Override
    public String describe() {
        return "Include exactly " + required + " of these sentences word for word: " + String.join(" | ", sentences);
    }
}
