package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.NltkEnglish;
import java.util.Map;

/** {@code length_constraints:number_sentences}: the Punkt sentence count is less than / at least N. */
final class SentenceCount extends IfevalConstraint {
    static final String ID = "length_constraints:number_sentences";
    private final NltkEnglish nltk;
    private final int threshold;
    private final Relation relation;

    private SentenceCount(Map<String, Object> kwargs, NltkEnglish nltk, int threshold, Relation relation) {
        super(ID, kwargs);
        this.nltk = nltk;
        this.threshold = threshold;
        this.relation = relation;
    }

    static SentenceCount create(Kwargs kw, NltkEnglish nltk) {
        int threshold = kw.requiredInt("num_sentences", 0);
        Relation relation = Relation.read(kw, "relation");
        return new SentenceCount(kw.done(), nltk, threshold, relation);
    }

    @Override
    public boolean check(String response) {
        return relation.holds(nltk.countSentences(response), threshold);
    }

    @Override
    public String describe() {
        return "Your response should have " + relation.text() + " " + threshold + " sentences.";
    }
}
