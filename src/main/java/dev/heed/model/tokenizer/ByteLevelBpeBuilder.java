package dev.heed.model.tokenizer;

import dev.heed.config.JsonFiles;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.config.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a byte-level BPE {@code tokenizer.json} in the Hugging Face {@code tokenizers} format, with merges
 * learned from a small built-in English, code and chat corpus. Ids: the 256 byte symbols in byte order (so
 * a lone byte's id is its value), then the merges in learned order, then {@link SpecialTokenIds#ALL}.
 * The output depends only on the vocabulary size: same size, byte-identical file.
 */
public final class ByteLevelBpeBuilder {
    /** 256 byte symbols plus the special tokens: the smallest vocabulary, with no merges. */
    public static final int MIN_VOCAB_SIZE = 256 + SpecialTokenIds.ALL.size();
    private static final String CORPUS_RESOURCE = "bpe-corpus.txt";

    /**
     * The pre-tokenizer split of Qwen2-family tokenizers (digits one by one, letters with at most one
     * leading non-letter). transformers 5 rebuilds Qwen tokenizers with exactly this split whatever
     * tokenizer.json says, so using it keeps Heed's ids and Hugging Face's identical.
     */
    static final String SPLIT_REGEX =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final Pattern PRE_TOKEN = Pattern.compile(SPLIT_REGEX, Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPECIAL = Pattern.compile(
            String.join("|", SpecialTokenIds.ALL.stream().map(Pattern::quote).toList()));

    private ByteLevelBpeBuilder() {}

    /** The tokenizer.json bytes for a vocabulary of exactly {@code vocabSize} ids. */
    public static byte[] build(int vocabSize) {
        if (vocabSize < MIN_VOCAB_SIZE) {
            throw new BadInputException("tokenizer vocab size " + vocabSize + " is below the minimum " + MIN_VOCAB_SIZE
                    + " (256 bytes + " + SpecialTokenIds.ALL.size() + " special tokens)");
        }
        List<BpeTrainer.Merge> merges = BpeTrainer.learn(preTokenCounts(corpus()), vocabSize - MIN_VOCAB_SIZE);
        ObjectNode json = tokenizerJson(merges);
        int built = json.get("model").get("vocab").size() + SpecialTokenIds.ALL.size();
        if (built < vocabSize) {
            throw new BadInputException("tokenizer vocab size " + vocabSize + " is above what the built-in corpus"
                    + " supports: at most " + built);
        }
        try {
            return JsonFiles.MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Byte-level pre-tokens and their counts; special tokens are cut out first, as the tokenizer does. */
    private static Map<String, Integer> preTokenCounts(String text) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String piece : SPECIAL.split(Normalizer.normalize(text, Normalizer.Form.NFC))) {
            Matcher m = PRE_TOKEN.matcher(piece);
            while (m.find()) counts.merge(ByteLevelAlphabet.encode(m.group()), 1, Integer::sum);
        }
        return counts;
    }

    private static String corpus() {
        try (InputStream in = ByteLevelBpeBuilder.class.getResourceAsStream(CORPUS_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + CORPUS_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tokenizerJson(List<BpeTrainer.Merge> merges) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode vocab = f.objectNode();
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        ArrayNode mergeList = f.arrayNode();
        for (BpeTrainer.Merge merge : merges) {
            String token = merge.left() + merge.right();
            if (!vocab.has(token)) vocab.put(token, vocab.size());
            mergeList.add(f.arrayNode().add(merge.left()).add(merge.right()));
        }
        ArrayNode addedTokens = f.arrayNode();
        for (String special : SpecialTokenIds.ALL) {
            int id = vocab.size() + addedTokens.size();
            addedTokens.addObject()
                    .put("id", id)
                    .put("content", special)
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }

        ObjectNode root = f.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.set("added_tokens", addedTokens);
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_REGEX);
        split.put("behavior", "Isolated");
        split.put("invert", false);
        steps.add(byteLevel(false));
        root.set("post_processor", byteLevel(false));
        root.set("decoder", byteLevel(false));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        model.set("vocab", vocab);
        model.set("merges", mergeList);
        return root;
    }

    /** A ByteLevel block (pre-tokenizer, post-processor or decoder); the split happens before it, so no regex of its own. */
    private static ObjectNode byteLevel(boolean useRegex) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", false);
        node.put("trim_offsets", false);
        node.put("use_regex", useRegex);
        return node;
    }
}
