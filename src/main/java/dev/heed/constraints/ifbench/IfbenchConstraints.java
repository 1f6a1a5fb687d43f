package dev.heed.constraints.ifbench;

import dev.heed.config.BadInputException;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintKind;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.IfevalText;
import dev.heed.constraints.text.PythonText;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * IFBench's 58 out-of-distribution constraints (AllenAI, 2025), with the semantics of the reference
 * checkers that produced IFBench's published evaluation results (allenai/IFBench
 * {@code instructions.py} at 6fffd61). Where that code raises or draws a random value, the checker
 * here answers false or rejects the kwargs instead; each such place says so.
 *
 * <p>Constraints that need NLTK data (the Punkt model behind NLTK's word tokenizer, the English
 * stopword list, the perceptron tagger) read it through {@link NltkResources} when they are created, and throw
 * {@link dev.heed.constraints.ConstraintUnavailableException} when it is missing.
 */
public final class IfbenchConstraints {
    private IfbenchConstraints() {}

    /** Registers every IFBench id, reading NLTK data from the standard locations. */
    public static void registerAll(ConstraintRegistry registry) {
        registerAll(registry, (Path) null);
    }

    /** Registers every IFBench id; NLTK data is looked for in {@code nltkData} (may be null) first. */
    public static void registerAll(ConstraintRegistry registry, Path nltkData) {
        registerAll(registry, new NltkResources(nltkData));
    }

    static void registerAll(ConstraintRegistry registry, NltkResources nltk) {
        CountConstraints.register(registry, nltk);
        RatioConstraints.register(registry, nltk);
        SentenceConstraints.register(registry);
        WordsConstraints.register(registry, nltk);
        FormatConstraints.register(registry, nltk);
        RepeatConstraints.register(registry);
        CustomConstraints.register(registry);
    }

    /**
     * IFBench's {@code split_into_sentences} as evaluated: the rule-based splitter IFEval ships (later
     * IFBench versions call Punkt instead; the published results follow this one, e.g. on a sentence
     * ending in {@code ."}, which it turns into {@code ".}).
     */
    static List<String> sentences(String text) {
        return IfevalText.splitIntoSentences(text);
    }

    /** Finishes a constraint: rejects unread kwargs and binds the check. */
    static Constraint checker(Kwargs kwargs, String description, Predicate<String> check) {
        return new Checker(kwargs.id(), kwargs.done(), description, check);
    }

    /** A whole-number kwarg of at least {@code min}. */
    static int count(Kwargs kwargs, String key, int min) {
        int n = kwargs.requiredWholeNumber(key);
        if (n < min) {
            throw new BadInputException(kwargs.id() + ": kwarg '" + key + "' must be at least " + min + ", got " + n);
        }
        return n;
    }

    /** A percentage kwarg; the reference draws a random one when it is negative, here that is an error. */
    static double percentage(Kwargs kwargs, String key) {
        double p = kwargs.requiredNumber(key);
        if (p < 0) {
            throw new BadInputException(kwargs.id() + ": kwarg '" + key + "' must not be negative, got " + p);
        }
        return p;
    }

    /** A string kwarg that is not empty after {@code strip} (the reference draws a random word for an empty one). */
    static String word(Kwargs kwargs, String key, boolean strip) {
        String s = kwargs.requiredString(key);
        String w = strip ? PythonText.strip(s) : s;
        if (PythonText.strip(s).isEmpty()) {
            throw new BadInputException(kwargs.id() + ": kwarg '" + key + "' must not be empty");
        }
        return w;
    }

    private record Checker(String id, Map<String, Object> kwargs, String describe, Predicate<String> test)
            implements Constraint {
        @Override
        public ConstraintKind kind() {
            return ConstraintKind.HARD;
        }

        @Override
        public boolean check(String response) {
            return test.test(response);
        }
    }
}
