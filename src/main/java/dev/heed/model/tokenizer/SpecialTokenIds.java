package dev.heed.model.tokenizer;

import java.util.List;

/**
 * Ids of the special tokens Heed's own tokenizers append after the learned vocabulary, in Qwen2's set and
 * order. A model factory writes them into config.json and generation_config.json.
 */
public record SpecialTokenIds(long endOfText, long imStart, long imEnd) {
    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    /** In id order: the last three ids of the vocabulary. */
    public static final List<String> ALL = List.of(END_OF_TEXT, IM_START, IM_END);

    static SpecialTokenIds forVocabSize(int vocabSize) {
        return new SpecialTokenIds(vocabSize - 3L, vocabSize - 2L, vocabSize - 1L);
    }

    /** An instruct model ends its turn with {@code <|im_end|>}; that is the tokenizer's eos_token. */
    public long eos() {
        return imEnd;
    }

    public long pad() {
        return endOfText;
    }

    /** generation_config.json's eos_token_id, as Qwen2.5-Instruct ships it: stop at either. */
    public long[] stopIds() {
        return new long[] {imEnd, endOfText};
    }
}
