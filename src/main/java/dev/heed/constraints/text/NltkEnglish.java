package dev.heed.constraints.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NLTK's English {@code sent_tokenize} and {@code word_tokenize} (NLTK 3.8 with the Punkt English
 * model), and IFEval's {@code count_sentences}, which counts Punkt sentences. Immutable and safe to
 * share between threads.
 */
public final class NltkEnglish {
    private final PunktSentenceTokenizer sentences;
    private final TreebankWordTokenizer words = new TreebankWordTokenizer();

    public NltkEnglish(PunktParameters punkt) {
        this.sentences = new PunktSentenceTokenizer(punkt);
    }

    /** Reads the Punkt English model from the NLTK data locations; {@code nltkDataDir} (may be null) first. */
    public static NltkEnglish load(Path nltkDataDir) {
        return new NltkEnglish(NltkData.punktEnglish(nltkDataDir));
    }

    public List<String> sentTokenize(String text) {
        return sentences.tokenize(text);
    }

    /** Treebank tokens of each Punkt sentence in turn, as {@code nltk.word_tokenize(text)}. */
    public List<String> wordTokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String sentence : sentences.tokenize(text)) {
            tokens.addAll(words.tokenize(sentence));
        }
        return tokens;
    }

    /** IFEval's {@code count_sentences}. */
    public int countSentences(String text) {
        return sentences.spanTokenize(text).size();
    }
}
