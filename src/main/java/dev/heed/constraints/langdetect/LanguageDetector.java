package dev.heed.constraints.langdetect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Python {@code langdetect} 1.0.9's {@code detect(text)} with {@code DetectorFactory.seed = 0}, the
 * setting the IFEval reference runs with, reproduced exactly: the same profiles, text cleaning and
 * n-gram extraction, and the same random draws (CPython's Mersenne Twister through {@code gauss} and
 * {@code choice}, see {@link PythonRandom}) in the same order. The Java library this was ported from
 * draws from {@code java.util.Random}, so it gives other answers on short or mixed texts.
 *
 * <p>Thread-safe: the profiles are shared and read-only; each call has its own generator.
 */
public final class LanguageDetector {
    /** {@code Detector.UNKNOWN_LANG}: no language reached the reporting threshold. */
    public static final String UNKNOWN = "unknown";

    private static final double ALPHA = 0.5;
    private static final double ALPHA_WIDTH = 0.05;
    private static final int ITERATION_LIMIT = 1000;
    private static final double PROB_THRESHOLD = 0.1;
    private static final double CONV_THRESHOLD = 0.99999;
    private static final int BASE_FREQ = 10000;
    private static final int TRIALS = 7;
    private static final int MAX_TEXT_LENGTH = 10000;
    private static final long SEED = 0;
    private static final Pattern URL = Pattern.compile("https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}");
    private static final Pattern MAIL = Pattern.compile("[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}");

    private final LanguageProfiles profiles;
    private final CharNormalizer normalizer;
    private final int languageCount = LanguageProfiles.LANGUAGES.size();

    private LanguageDetector(LanguageProfiles profiles, CharNormalizer normalizer) {
        this.profiles = profiles;
        this.normalizer = normalizer;
    }

    private static final class Shared {
        static final LanguageDetector INSTANCE = new LanguageDetector(LanguageProfiles.load(), new CharNormalizer());
    }

    /** The detector over the bundled profiles, loaded on first use (about a second) and shared. */
    public static LanguageDetector standard() {
        return Shared.INSTANCE;
    }

    /** The codes this detector can answer, e.g. {@code en}, {@code zh-cn}. */
    public static List<String> languages() {
        return LanguageProfiles.LANGUAGES;
    }

    /**
     * {@code langdetect.detect(text)}: the most probable language code, {@link #UNKNOWN} when none is
     * above 0.1, or empty where Python raises {@code LangDetectException} (the text has no n-gram of any
     * profile, e.g. digits and punctuation only).
     */
    public Optional<String> detect(String text) {
        double[] probabilities = probabilities(text);
        if (probabilities == null) {
            return Optional.empty();
        }
        int best = -1;
        for (int i = 0; i < probabilities.length; i++) {
            // Python sorts descending and stably: the first language among equals wins.
            if (probabilities[i] > PROB_THRESHOLD && (best < 0 || probabilities[i] > probabilities[best])) {
                best = i;
            }
        }
        return Optional.of(best < 0 ? UNKNOWN : LanguageProfiles.LANGUAGES.get(best));
    }

    /** The averaged per-language probabilities of {@code Detector._detect_block}, or null when there are no features. */
    double[] probabilities(String text) {
        List<LanguageProfiles.NGram> ngrams = extractNgrams(clean(prepare(text)));
        if (ngrams.isEmpty()) {
            return null;
        }
        // Dense per-language vectors for the n-grams of this text only: the update loop then has no branch.
        Map<LanguageProfiles.NGram, double[]> dense = new IdentityHashMap<>();
        double[][] features = new double[ngrams.size()][];
        for (int i = 0; i < features.length; i++) {
            features[i] = dense.computeIfAbsent(ngrams.get(i), this::denseVector);
        }
        double[] result = new double[languageCount];
        PythonRandom random = new PythonRandom(SEED);
        for (int trial = 0; trial < TRIALS; trial++) {
            double[] prob = new double[languageCount];
            Arrays.fill(prob, 1.0 / languageCount);
            double alpha = ALPHA + random.gauss() * ALPHA_WIDTH;
            double weight = alpha / BASE_FREQ;
            for (int i = 0; ; i++) {
                update(prob, features[random.randbelow(features.length)], weight);
                if (i % 5 == 0 && (normalize(prob) > CONV_THRESHOLD || i >= ITERATION_LIMIT)) {
                    break;
                }
            }
            for (int j = 0; j < languageCount; j++) {
                result[j] += prob[j] / TRIALS;
            }
        }
        return result;
    }

    /** {@code Detector.append}: drop URLs and e-mail addresses, recompose Vietnamese, keep 10,000 characters, squeeze double spaces. */
    private int[] prepare(String text) {
        // Neither pattern can match without its literal part, so most texts skip both scans.
        String t = text.contains("http") ? URL.matcher(text).replaceAll(" ") : text;
        t = t.indexOf('@') >= 0 ? MAIL.matcher(t).replaceAll(" ") : t;
        t = normalizer.recomposeVietnamese(t);
        int[] out = new int[Math.min(t.codePointCount(0, t.length()), MAX_TEXT_LENGTH)];
        int n = 0;
        int pre = 0;
        for (int i = 0, taken = 0; taken < out.length; taken++) {
            int ch = t.codePointAt(i);
            i += Character.charCount(ch);
            if (ch != ' ' || pre != ' ') {
                out[n++] = ch;
            }
            pre = ch;
        }
        return Arrays.copyOf(out, n);
    }

    /** {@code Detector.cleaning_text}: a text mostly in another script loses its Latin letters. */
    private static int[] clean(int[] text) {
        int latin = 0;
        int nonLatin = 0;
        for (int ch : text) {
            if (ch >= 'A' && ch <= 'z') {
                latin++;
            } else if (ch >= 0x0300 && !CharNormalizer.isLatinExtendedAdditional(ch)) {
                nonLatin++;
            }
        }
        if (latin * 2 >= nonLatin) {
            return text;
        }
        return Arrays.stream(text).filter(ch -> ch < 'A' || ch > 'z').toArray();
    }

    /** {@code Detector._extract_ngrams} with {@code NGram.add_char}'s rolling three-character buffer. */
    private List<LanguageProfiles.NGram> extractNgrams(int[] text) {
        List<LanguageProfiles.NGram> result = new ArrayList<>();
        int[] grams = new int[3];
        int length = 1;
        grams[0] = ' ';
        boolean capitalWord = false;
        for (int raw : text) {
            int ch = normalizer.normalize(raw);
            int last = grams[length - 1];
            if (last == ' ') {
                grams[0] = ' ';
                length = 1;
                capitalWord = false;
                if (ch == ' ') {
                    continue;
                }
            } else if (length >= 3) {
                grams[0] = grams[1];
                grams[1] = grams[2];
                length = 2;
            }
            grams[length++] = ch;
            if (Character.isUpperCase(ch)) {
                if (Character.isUpperCase(last)) {
                    capitalWord = true;
                }
            } else {
                capitalWord = false;
            }
            if (capitalWord) {
                continue;
            }
            for (int n = 1; n <= 3 && n <= length; n++) {
                if (n == 1 && ch == ' ') {
                    continue;
                }
                LanguageProfiles.NGram stats = profiles.get(grams, length - n, n);
                if (stats != null) {
                    result.add(stats);
                }
            }
        }
        return result;
    }

    private double[] denseVector(LanguageProfiles.NGram ngram) {
        double[] v = new double[languageCount];
        for (int k = 0; k < ngram.languages().length; k++) {
            v[ngram.languages()[k]] = ngram.probabilities()[k];
        }
        return v;
    }

    /** {@code Detector._update_lang_prob}: {@code prob[i] *= weight + p(ngram | language i)}. */
    private static void update(double[] prob, double[] p, double weight) {
        for (int i = 0; i < prob.length; i++) {
            prob[i] *= weight + p[i];
        }
    }

    /** {@code Detector._normalize_prob}: scale to sum 1 (summed left to right) and return the maximum. */
    private static double normalize(double[] prob) {
        double sum = 0.0;
        for (double p : prob) {
            sum += p;
        }
        double max = 0.0;
        for (int i = 0; i < prob.length; i++) {
            double p = prob[i] / sum;
            if (max < p) {
                max = p;
            }
            prob[i] = p;
        }
        return max;
    }
}
