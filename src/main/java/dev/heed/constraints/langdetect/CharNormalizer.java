package dev.heed.constraints.langdetect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * langdetect's text preparation: Vietnamese recomposition, and the per-character folding of its
 * n-gram buffer (punctuation to space, kana and hangul to one representative each, kanji to the
 * representative of their class). The tables come from langdetect's {@code messages.properties}, read
 * from the Java library's jar (identical to the Python port's copy); the Unicode block bounds are
 * those of the Python port's own block table. Immutable.
 */
final class CharNormalizer {
    private static final String MESSAGES = "/com/cybozu/labs/langdetect/util/messages.properties";

    private final String latin1Excluded;
    private final Map<Integer, Integer> kanjiRepresentative = new HashMap<>();
    private final String vietnameseBases;
    private final String vietnameseMarks;
    private final String[] vietnameseComposed;

    CharNormalizer() {
        Map<String, String> messages = readMessages();
        latin1Excluded = messages.get("NGram.LATIN1_EXCLUDE");
        // Later classes overwrite earlier ones for a shared character, as the Python dict does.
        for (Map.Entry<String, String> e : messages.entrySet()) {
            if (e.getKey().startsWith("NGram.KANJI_")) {
                String chars = e.getValue();
                int representative = chars.codePointAt(0);
                chars.codePoints().forEach(cp -> kanjiRepresentative.put(cp, representative));
            }
        }
        vietnameseBases = messages.get("TO_NORMALIZE_VI_CHARS");
        vietnameseMarks = messages.get("DMARK_CLASS");
        vietnameseComposed = List.of("0300", "0301", "0303", "0309", "0323").stream()
                .map(mark -> messages.get("NORMALIZED_VI_CHARS_" + mark)).toArray(String[]::new);
    }

    /** {@code NGram.normalize_vi}: a Vietnamese base letter followed by a combining tone mark becomes one letter. */
    String recomposeVietnamese(String text) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int base = vietnameseBases.indexOf(c);
            int mark = base >= 0 && i + 1 < n ? vietnameseMarks.indexOf(text.charAt(i + 1)) : -1;
            if (mark >= 0) {
                if (out == null) {
                    out = new StringBuilder(n).append(text, 0, i);
                }
                out.append(vietnameseComposed[mark].charAt(base));
                i++;
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code NGram.normalize} of one code point. */
    int normalize(int ch) {
        if (ch <= 0x7F) {
            return ch < 'A' || (ch > 'Z' && ch < 'a') || ch > 'z' ? ' ' : ch;
        }
        if (ch <= 0xFF) {
            return latin1Excluded.indexOf(ch) >= 0 ? ' ' : ch;
        }
        if (ch >= 0x0180 && ch <= 0x024F) { // Latin Extended-B: Romanian comma-below to cedilla
            return ch == 0x0219 ? 0x015F : ch == 0x021B ? 0x0163 : ch;
        }
        if (ch >= 0x2000 && ch <= 0x206F) { // General Punctuation
            return ' ';
        }
        if (ch >= 0x0600 && ch <= 0x06FF) { // Arabic: Farsi yeh to Arabic yeh
            return ch == 0x06CC ? 0x064A : ch;
        }
        if (ch >= 0x1E00 && ch <= 0x1EFF) { // Latin Extended Additional
            return ch >= 0x1EA0 ? 0x1EC3 : ch;
        }
        if (ch >= 0x3040 && ch <= 0x309F) { // Hiragana
            return 0x3042;
        }
        if (ch >= 0x30A0 && ch <= 0x30FF) { // Katakana
            return 0x30A2;
        }
        if ((ch >= 0x3100 && ch <= 0x312F) || (ch >= 0x31A0 && ch <= 0x31BF)) { // Bopomofo and its extension
            return 0x3105;
        }
        if (ch >= 0x4E00 && ch <= 0x9FFF) { // CJK Unified Ideographs
            return kanjiRepresentative.getOrDefault(ch, ch);
        }
        if (ch >= 0xAC00 && ch <= 0xD7AF) { // Hangul Syllables
            return 0xAC00;
        }
        return ch;
    }

    /** In the Latin Extended Additional block, which the Latin/non-Latin count of {@code cleaning_text} skips. */
    static boolean isLatinExtendedAdditional(int ch) {
        return ch >= 0x1E00 && ch <= 0x1EFF;
    }

    /** The messages file in order, with {@code \\uXXXX} escapes decoded (Python's {@code unicode_escape}). */
    private static Map<String, String> readMessages() {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = CharNormalizer.class.getResourceAsStream(MESSAGES)) {
            if (in == null) {
                throw new IllegalStateException("the langdetect jar is missing from the classpath (" + MESSAGES + ")");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                int eq = line.indexOf('=');
                if (eq >= 0) {
                    out.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 5 < s.length() && s.charAt(i + 1) == 'u') {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
