package dev.heed.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heed.config.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
    private static final int VOCAB = 512;
    private static final long END_OF_TEXT = 509, IM_START = 510, IM_END = 511;

    @TempDir
    Path dir;

    private Tokenizer built() {
        TokenizerFiles.writeByteLevelBpe(dir, VOCAB, 2048);
        return Tokenizer.load(dir);
    }

    @Test
    void arbitraryUnicodeRoundTripsExactlyUpToNfc() {
        List<String> texts = List.of(
                "Hello, world!",
                "emoji 🙂👍🏽 👩‍👩‍👧 🚀✨ flags 🇯🇵",
                "CJK 漢字かな交じり文 天气很好 한국어",
                "accents café naïve Ångström Zürich",
                "lines\nand\r\ncarriage\rreturns\n\n\ttabs\t\tand   runs of spaces   ",
                "controls \u0000\u0001\u001f\u007f and astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and RTL مرحبا",
                " leading space, trailing newline\n",
                "");
        try (Tokenizer tokenizer = built()) {
            for (String text : texts) {
                assertEquals(text, tokenizer.decode(tokenizer.encode(text), false));
                assertEquals(text, tokenizer.decode(tokenizer.encode(text), true));
            }
            // Like Qwen's tokenizers, the normalizer composes to NFC: a decomposed accent comes back composed.
            assertEquals("\u00e9 \u00e9 \u00c5", tokenizer.decode(tokenizer.encode("e\u0301 \u00e9 A\u030a"), false));
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) {
                String text = randomText(random);
                String nfc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
                assertEquals(nfc, tokenizer.decode(tokenizer.encode(text), false), "random text " + i);
            }
        }
    }

    @Test
    void longTextIsNeitherTruncatedNorPadded() {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(200);
        try (Tokenizer tokenizer = built()) {
            long[] ids = tokenizer.encode(text);
            assertTrue(ids.length > 1000, "ids: " + ids.length);
            assertEquals(text, tokenizer.decode(ids, false));
        }
    }

    @Test
    void learnedMergesShortenCommonText() {
        String text = "the answer is in the text";
        try (Tokenizer tokenizer = built()) {
            assertTrue(tokenizer.encode(text).length < text.length() / 2, "merges are not applied");
        }
    }

    @Test
    void specialTokensEncodeToSingleIds() {
        try (Tokenizer tokenizer = built()) {
            assertArrayEquals(new long[] {END_OF_TEXT, IM_START, IM_END},
                    tokenizer.encode("<|endoftext|><|im_start|><|im_end|>"));
            long[] ids = tokenizer.encode("<|im_start|>user\nhi<|im_end|>");
            assertEquals(IM_START, ids[0]);
            assertEquals(IM_END, ids[ids.length - 1]);
            assertEquals("<|im_start|>user\nhi<|im_end|>", tokenizer.decode(ids, false));
            assertEquals("user\nhi", tokenizer.decode(ids, true));
        }
    }

    @Test
    void specialIdsComeFromTheConfigFiles() throws Exception {
        try (Tokenizer tokenizer = built()) {
            assertEquals(VOCAB, tokenizer.vocabSize());
            assertEquals(IM_END, tokenizer.eosId());
            assertEquals(END_OF_TEXT, tokenizer.padId());
            assertNull(tokenizer.bosId());
            assertArrayEquals(new long[] {IM_END}, tokenizer.stopIds());
        }
        Files.writeString(dir.resolve(TokenizerFiles.GENERATION_CONFIG_JSON), "{\"eos_token_id\": [511, 509]}");
        try (Tokenizer tokenizer = Tokenizer.load(dir)) {
            assertArrayEquals(new long[] {IM_END, END_OF_TEXT}, tokenizer.stopIds());
        }
        Files.writeString(dir.resolve(TokenizerFiles.GENERATION_CONFIG_JSON), "{\"eos_token_id\": 509}");
        editConfig(c -> c.replace("\"pad_token\": \"<|endoftext|>\"", "\"pad_token\": null")
                .replace("\"bos_token\": null", "\"bos_token\": {\"content\": \"<|im_start|>\"}"));
        try (Tokenizer tokenizer = Tokenizer.load(dir)) {
            assertArrayEquals(new long[] {IM_END, END_OF_TEXT}, tokenizer.stopIds());
            assertEquals(IM_END, tokenizer.padId(), "pad falls back to eos");
            assertEquals(IM_START, tokenizer.bosId());
        }
    }

    @Test
    void encodeChatEncodesTheRenderedTemplate() {
        List<ChatMessage> messages = List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi!"));
        try (Tokenizer tokenizer = built()) {
            long[] ids = tokenizer.encodeChat(messages, true);
            assertArrayEquals(tokenizer.encode(
                    "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n"), ids);
            assertEquals(3, Arrays.stream(ids).filter(id -> id == IM_START).count());
            assertEquals(2, Arrays.stream(ids).filter(id -> id == IM_END).count());
        }
    }

    @Test
    void chatTemplateFallsBackToChatTemplateJinja() throws Exception {
        TokenizerFiles.writeByteLevelBpe(dir, VOCAB, 2048);
        editConfig(c -> c.replaceFirst("\"chat_template\": \"(\\\\.|[^\"\\\\])*\",", ""));
        try (Tokenizer tokenizer = Tokenizer.load(dir)) {
            BadInputException e = assertThrows(BadInputException.class, tokenizer::chatTemplate);
            assertTrue(e.getMessage().contains(TokenizerFiles.TOKENIZER_CONFIG_JSON), e.getMessage());
        }
        Files.writeString(dir.resolve(TokenizerFiles.CHAT_TEMPLATE_JINJA), "{{ messages[0].content }}!\n");
        try (Tokenizer tokenizer = Tokenizer.load(dir)) {
            assertEquals("hey!", tokenizer.chatTemplate().render(List.of(new ChatMessage("user", "hey")), false));
        }
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        BadInputException noTokenizer = assertThrows(BadInputException.class, () -> Tokenizer.load(dir));
        assertTrue(noTokenizer.getMessage().contains(TokenizerFiles.TOKENIZER_JSON), noTokenizer.getMessage());

        TokenizerFiles.writeByteLevelBpe(dir, VOCAB, 2048);
        Files.delete(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON));
        BadInputException noConfig = assertThrows(BadInputException.class, () -> Tokenizer.load(dir));
        assertTrue(noConfig.getMessage().contains(TokenizerFiles.TOKENIZER_CONFIG_JSON), noConfig.getMessage());
    }

    @Test
    void invalidFilesAreNamed() throws Exception {
        TokenizerFiles.writeByteLevelBpe(dir, VOCAB, 2048);
        byte[] good = Files.readAllBytes(dir.resolve(TokenizerFiles.TOKENIZER_JSON));

        Files.writeString(dir.resolve(TokenizerFiles.TOKENIZER_JSON), "{\"model\": {\"vocab\": ");
        assertLoadFailsNaming(TokenizerFiles.TOKENIZER_JSON);

        Files.writeString(dir.resolve(TokenizerFiles.TOKENIZER_JSON), "{\"model\": {\"type\": \"BPE\", \"vocab\": {}, \"merges\": 7}}");
        assertLoadFailsNaming(TokenizerFiles.TOKENIZER_JSON);

        Files.write(dir.resolve(TokenizerFiles.TOKENIZER_JSON), good);
        editConfig(c -> c.replace("\"eos_token\": \"<|im_end|>\"", "\"eos_token\": \"<|no_such_token|>\""));
        assertLoadFailsNaming(TokenizerFiles.TOKENIZER_CONFIG_JSON);

        Files.writeString(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON), "[1, 2]");
        assertLoadFailsNaming(TokenizerFiles.TOKENIZER_CONFIG_JSON);

        TokenizerFiles.writeByteLevelBpe(dir, VOCAB, 2048);
        Files.writeString(dir.resolve(TokenizerFiles.GENERATION_CONFIG_JSON), "{\"eos_token_id\": \"</s>\"}");
        assertLoadFailsNaming(TokenizerFiles.GENERATION_CONFIG_JSON);
    }

    private void assertLoadFailsNaming(String fileName) {
        BadInputException e = assertThrows(BadInputException.class, () -> Tokenizer.load(dir).close());
        assertTrue(e.getMessage().contains(fileName), e.getMessage());
    }

    private void editConfig(UnaryOperator<String> edit) throws Exception {
        Path config = dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON);
        String before = Files.readString(config);
        String after = edit.apply(before);
        assertNotEquals(before, after, "edit changed nothing");
        Files.writeString(config, after);
    }

    /** Code points from all planes except surrogates, weighted toward ASCII, whitespace and BMP scripts. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> " \t\n\r".charAt(random.nextInt(4));
                case 2 -> random.nextInt(0xD800);
                default -> 0xE000 + random.nextInt(0x10FFFF - 0xE000 + 1);
            };
            text.appendCodePoint(cp);
        }
        return text.toString();
    }
}
