package dev.heed.constraints.ifbench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.config.BadInputException;
import dev.heed.constraints.text.PythonText;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NLTK's averaged perceptron part-of-speech tagger ({@code nltk.pos_tag}, NLTK 3.9 and later), reading
 * the model from the JSON files of the {@code averaged_perceptron_tagger_eng} package. Only the first
 * token's tag is computed: that is all {@code words:start_verb} asks, and the tagger is left-to-right,
 * so the first tag depends only on the first three tokens.
 */
final class PerceptronTagger {
    static final String RESOURCE = "taggers/averaged_perceptron_tagger_eng";
    private static final String PREFIX = "averaged_perceptron_tagger_eng.";

    private final Map<String, ? extends Map<String, Double>> weights;
    private final Map<String, String> tagdict;
    private final List<String> classes;

    PerceptronTagger(Map<String, ? extends Map<String, Double>> weights, Map<String, String> tagdict, List<String> classes) {
        this.weights = weights;
        this.tagdict = tagdict;
        this.classes = classes;
    }

    /** Reads the three model files from the package folder. */
    static PerceptronTagger load(Path folder) {
        ObjectMapper json = new ObjectMapper();
        try {
            // LinkedHashMap keeps the file's order, so scores add up in the order NLTK adds them.
            Map<String, LinkedHashMap<String, Double>> weights = json.readValue(folder.resolve(PREFIX + "weights.json").toFile(),
                    new TypeReference<LinkedHashMap<String, LinkedHashMap<String, Double>>>() {});
            Map<String, String> tagdict = json.readValue(folder.resolve(PREFIX + "tagdict.json").toFile(),
                    new TypeReference<LinkedHashMap<String, String>>() {});
            List<String> classes = json.readValue(folder.resolve(PREFIX + "classes.json").toFile(),
                    new TypeReference<List<String>>() {});
            return new PerceptronTagger(weights, tagdict, classes);
        } catch (IOException e) {
            throw new BadInputException("cannot read the NLTK tagger model in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The tag {@code nltk.pos_tag(tokens)[0][1]} gives; {@code tokens} must not be empty. */
    String firstTag(List<String> tokens) {
        String word = tokens.get(0);
        String known = tagdict.get(word);
        if (known != null && !known.isEmpty()) {
            return known;
        }
        String prev = "-START-";
        String prev2 = "-START2-";
        String current = normalize(word);
        String next = tokens.size() > 1 ? normalize(tokens.get(1)) : "-END-";
        String next2 = tokens.size() > 2 ? normalize(tokens.get(2)) : tokens.size() > 1 ? "-END-" : "-END2-";
        // The features of NLTK's _get_features, in its order, for position 0.
        String[] features = {
            "bias",
            "i suffix " + suffix(word),
            "i pref1 " + (word.isEmpty() ? "" : new String(Character.toChars(word.codePointAt(0)))),
            "i-1 tag " + prev,
            "i-2 tag " + prev2,
            "i tag+i-2 tag " + prev + " " + prev2,
            "i word " + current,
            "i-1 tag+i word " + prev + " " + current,
            "i-1 word " + prev2,
            "i-1 suffix " + suffix(prev2),
            "i-2 word " + prev,
            "i+1 word " + next,
            "i+1 suffix " + suffix(next),
            "i+2 word " + next2,
        };
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String feature : features) {
            Map<String, Double> w = weights.get(feature);
            if (w == null) {
                continue;
            }
            for (Map.Entry<String, Double> e : w.entrySet()) {
                scores.merge(e.getKey(), e.getValue(), Double::sum);
            }
        }
        // max(classes, key=(score, label)): ties go to the greater label.
        String best = null;
        double bestScore = 0;
        for (String label : classes) {
            double s = scores.getOrDefault(label, 0.0);
            if (best == null || s > bestScore || (s == bestScore && label.compareTo(best) > 0)) {
                best = label;
                bestScore = s;
            }
        }
        return best;
    }

    /** NLTK's PerceptronTagger.normalize. */
    static String normalize(String word) {
        if (word.indexOf('-') >= 0 && word.charAt(0) != '-') {
            return "!HYPHEN";
        }
        if (IfbenchText.isDigits(word) && PythonText.length(word) == 4) {
            return "!YEAR";
        }
        if (!word.isEmpty() && IfbenchText.isDigits(new String(Character.toChars(word.codePointAt(0))))) {
            return "!DIGITS";
        }
        return PythonText.lower(word);
    }

    /** {@code word[-3:]}. */
    private static String suffix(String word) {
        int n = PythonText.length(word);
        return n <= 3 ? word : word.substring(word.offsetByCodePoints(0, n - 3));
    }
}
