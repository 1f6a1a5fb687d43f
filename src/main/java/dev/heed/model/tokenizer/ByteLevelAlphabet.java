package dev.heed.model.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-to-unicode table: each of the 256 byte values gets a printable character, so a byte-level
 * BPE vocabulary is a set of ordinary strings and any UTF-8 input (or a fragment of one) is representable.
 * Printable Latin-1 bytes map to themselves; the other 68 bytes map to U+0100 onwards, in byte order.
 */
final class ByteLevelAlphabet {
    private static final char[] CHAR_OF_BYTE = table();

    private ByteLevelAlphabet() {}

    static char charOf(int unsignedByte) {
        return CHAR_OF_BYTE[unsignedByte];
    }

    /** The text's UTF-8 bytes, each replaced by its alphabet character. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) out.append(charOf(b & 0xff));
        return out.toString();
    }

    private static char[] table() {
        char[] table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char) b : (char) next++;
        }
        return table;
    }
}
