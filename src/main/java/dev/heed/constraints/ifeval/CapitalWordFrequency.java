package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.NltkEnglish;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code change_case:capital_word_frequency}: the number of all-caps NLTK word tokens is less than / at least N. */
final class CapitalWordFrequency extends IfevalConstraint {
    static final String ID = "change_case:capital_word_frequency";
    private final NltkEnglish nltk;
    private final int threshold;
    private final Relation relation;

    private CapitalWordFrequency(Map<String, Object> kwargs, NltkEnglish nltk, int threshold, Relation relation) {
        super(ID, kwargs);
        this.nltk = nltk;
        this.threshold = threshold;
        this.relation = relation;
    }

    static CapitalWordFrequency create(Kwargs kw, NltkEnglish nltk) {
        int threshold = kw.requiredInt("capital_frequency"); // the reference accepts any integer here
        Relation relation = Relation.read(kw, "capital_relation");
        return new CapitalWordFrequency(kw.done(), nltk, threshold, relation);
    }

    @Override
    public boolean check(String response) {
        long capitalWords = nltk.wordTokenize(response).stream().filter(PythonText::isUpper).count();
        return relation.holds(capitalWords, threshold);
    }

    @Override
    public String describe() {
        return "Write " + relation.text() + " " + threshold + " words entirely in capital letters.";
    }
}
