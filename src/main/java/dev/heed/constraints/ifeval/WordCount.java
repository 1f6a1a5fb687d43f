package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.IfevalText;
import java.util.Map;

/** {@code length_constraints:number_words}: the number of {@code \w+} runs is less than / at least N. */
final class WordCount extends IfevalConstraint {
    static final String ID = "length_constraints:number_words";
    private final int threshold;
    private final Relation relation;

    private WordCount(Map<String, Object> kwargs, int threshold, Relation relation) {
        super(ID, kwargs);
        this.threshold = threshold;
        this.relation = relation;
    }

    static WordCount create(Kwargs kw) {
        int threshold = kw.requiredInt("num_words", 0);
        Relation relation = Relation.read(kw, "relation");
        return new WordCount(kw.done(), threshold, relation);
    }

    @Override
    public boolean check(String response) {
        return relation.holds(IfevalText.countWords(response), threshold);
    }

    @Override
    public String describe() {
        return "Keep the length of your response to " + relation.text() + " " + threshold + " words.";
    }
}
