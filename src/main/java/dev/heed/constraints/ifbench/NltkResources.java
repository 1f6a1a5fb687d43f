package dev.heed.constraints.ifbench;

import dev.heed.config.BadInputException;
import dev.heed.constraints.ConstraintUnavailableException;
import dev.heed.constraints.text.NltkData;
import dev.heed.constraints.text.NltkEnglish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The NLTK data IFBench's checkers use, read once from the standard NLTK data locations (an explicit
 * folder first, as {@code --nltk-data} gives): the Punkt English model (sentences and word tokens), the
 * English stopword list and the averaged perceptron tagger. Heed ships none of them. A constraint that
 * needs a missing one cannot be created: {@link #require} throws {@link ConstraintUnavailableException}
 * naming the id and the paths searched. Thread-safe.
 */
final class NltkResources {
    static final String STOPWORDS = "corpora/stopwords";

    private final Path override;
    private NltkEnglish english;
    private Set<String> stopwords;
    private PerceptronTagger tagger;

    /** {@code override} (may be null) is searched before {@code $NLTK_DATA}, {@code ~/nltk_data}, ... */
    NltkResources(Path override) {
        this.override = override;
    }

    synchronized NltkEnglish english(String id) {
        if (english == null) {
            english = require(id, NltkEnglish::load);
        }
        return english;
    }

    /** {@code nltk.corpus.stopwords.words('english')}: the non-blank lines of the English list. */
    synchronized Set<String> stopwords(String id) {
        if (stopwords == null) {
            Path folder = require(id, dir -> NltkData.find(STOPWORDS, dir));
            try {
                Set<String> words = new HashSet<>();
                for (String line : Files.readString(folder.resolve("english"), StandardCharsets.UTF_8).split("\r\n|\r|\n")) {
                    if (!line.isBlank()) {
                        words.add(line);
                    }
                }
                stopwords = Set.copyOf(words);
            } catch (IOException e) {
                throw new ConstraintUnavailableException(id, "cannot read the NLTK English stopword list in " + folder
                        + ": " + e.getMessage());
            }
        }
        return stopwords;
    }

    synchronized PerceptronTagger tagger(String id) {
        if (tagger == null) {
            tagger = require(id, dir -> PerceptronTagger.load(NltkData.find(PerceptronTagger.RESOURCE, dir)));
        }
        return tagger;
    }

    private <T> T require(String id, Function<Path, T> loader) {
        try {
            return loader.apply(override);
        } catch (BadInputException e) {
            throw new ConstraintUnavailableException(id, e.getMessage());
        }
    }
}
