package dev.heed.constraints.langdetect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The n-gram statistics of Python langdetect 1.0.9's 55 language profiles: for each n-gram (1 to 3
 * characters), its relative frequency in each language ({@code DetectorFactory.add_profile}), stored
 * sparsely (a language without the n-gram contributes 0.0, exactly as the Python dense list does).
 *
 * <p>Exact agreement needs Python langdetect's own profile files, read where that package is installed
 * (Debian: {@code apt-get install python3-langdetect}) or from {@code $LANGDETECT_PROFILES}. Without them
 * the profiles of the Java {@code com.cybozu.labs:langdetect} jar serve: 52 of the 55 are identical, but
 * it lacks {@code ca} and {@code cy} and has an older {@code ko}, so results on such text may differ; a
 * warning says so once.
 */
final class LanguageProfiles {
    /** Python langdetect 1.0.9's profile names, sorted: the order of the probability vector. */
    static final List<String> LANGUAGES = List.of("af", "ar", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en",
            "es", "et", "fa", "fi", "fr", "gu", "he", "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk",
            "ml", "mr", "ne", "nl", "no", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw", "ta", "te",
            "th", "tl", "tr", "uk", "ur", "vi", "zh-cn", "zh-tw");
    /** Where Python's langdetect keeps its profiles, most specific first. */
    private static final List<String> PYTHON_LOCATIONS = List.of(
            "/usr/lib/python3/dist-packages/langdetect/profiles",
            "/usr/local/lib/python3/dist-packages/langdetect/profiles");

    /** One n-gram's nonzero per-language probabilities, languages in ascending index order. */
    record NGram(int[] languages, double[] probabilities) {}

    // Open addressing on a packed key: up to three code points, each stored plus one in 21 bits.
    private final long[] keys;
    private final NGram[] values;
    private final int mask;

    private LanguageProfiles(Map<String, NGram> ngrams) {
        int capacity = Integer.highestOneBit(Math.max(16, ngrams.size() * 3)) * 2;
        keys = new long[capacity];
        values = new NGram[capacity];
        mask = capacity - 1;
        ngrams.forEach((gram, stats) -> {
            int[] cps = gram.codePoints().toArray();
            if (cps.length >= 1 && cps.length <= 3) {
                long key = pack(cps, 0, cps.length);
                int slot = slot(key);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                values[slot] = stats;
            }
        });
    }

    private static long pack(int[] codePoints, int from, int count) {
        long key = 0;
        for (int i = 0; i < count; i++) {
            key = (key << 21) | (codePoints[from + i] + 1L);
        }
        return key;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    /** The statistics of the n-gram {@code codePoints[from, from + count)}, or null when no profile contains it. */
    NGram get(int[] codePoints, int from, int count) {
        long key = pack(codePoints, from, count);
        for (int slot = slot(key); keys[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return values[slot];
            }
        }
        return null;
    }

    /** Python langdetect's profile folder, or null when it is not installed. */
    static Path pythonProfiles() {
        String env = System.getenv("LANGDETECT_PROFILES");
        List<String> candidates = new ArrayList<>();
        if (env != null && !env.isEmpty()) candidates.add(env);
        candidates.addAll(PYTHON_LOCATIONS);
        for (String c : candidates) {
            Path dir = Path.of(c);
            if (Files.isRegularFile(dir.resolve("en")) && Files.isRegularFile(dir.resolve("ca"))) return dir;
        }
        return null;
    }

    static LanguageProfiles load() {
        Path python = pythonProfiles();
        if (python == null) {
            System.err.println("heed: warning: Python langdetect's profiles not found (looked in $LANGDETECT_PROFILES, "
                    + String.join(", ", PYTHON_LOCATIONS) + "); using the Java langdetect profiles, which lack ca and cy "
                    + "and differ for ko, so language detection may differ from the IFEval reference on such text. "
                    + "Install them with: apt-get install python3-langdetect");
        }
        Map<String, List<Object[]>> byNgram = new HashMap<>();
        JsonFactory json = new JsonFactory();
        for (int index = 0; index < LANGUAGES.size(); index++) {
            String lang = LANGUAGES.get(index);
            String where = python != null ? python.resolve(lang).toString() : "classpath:/profiles/" + lang;
            try (InputStream in = python != null ? Files.newInputStream(python.resolve(lang))
                    : LanguageProfiles.class.getResourceAsStream("/profiles/" + lang)) {
                if (in == null) continue; // a language the Java profiles lack: it never gains probability
                readProfile(json.createParser(in), lang, index, byNgram);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read language profile " + where, e);
            }
        }
        Map<String, NGram> ngrams = new HashMap<>(byNgram.size() * 2);
        byNgram.forEach((gram, entries) -> {
            int[] langs = new int[entries.size()];
            double[] probs = new double[entries.size()];
            for (int i = 0; i < langs.length; i++) {
                langs[i] = (Integer) entries.get(i)[0];
                probs[i] = (Double) entries.get(i)[1];
            }
            ngrams.put(gram, new NGram(langs, probs));
        });
        return new LanguageProfiles(ngrams);
    }

    /** Reads {@code {"freq": {gram: count}, "n_words": [n1, n2, n3], "name": lang}} in any key order. */
    private static void readProfile(JsonParser p, String lang, int index, Map<String, List<Object[]>> byNgram)
            throws IOException {
        Map<String, Long> freq = new HashMap<>();
        long[] nWords = null;
        String name = null;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("profile " + lang + " is not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.getCurrentName();
            p.nextToken();
            switch (field) {
                case "freq" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String gram = p.getCurrentName();
                        p.nextToken();
                        freq.put(gram, p.getLongValue());
                    }
                }
                case "n_words" -> {
                    List<Long> counts = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        counts.add(p.getLongValue());
                    }
                    nWords = counts.stream().mapToLong(Long::longValue).toArray();
                }
                case "name" -> name = p.getText();
                default -> p.skipChildren();
            }
        }
        if (!lang.equals(name) || nWords == null || nWords.length < 3) {
            throw new IOException("profile " + lang + " is malformed (name " + name + ")");
        }
        for (Map.Entry<String, Long> e : freq.entrySet()) {
            String gram = e.getKey();
            List<Object[]> entries = byNgram.computeIfAbsent(gram, g -> new ArrayList<>(2));
            int length = gram.codePointCount(0, gram.length());
            if (length >= 1 && length <= 3) {
                entries.add(new Object[] {index, (double) e.getValue() / nWords[length - 1]});
            }
        }
    }
}
