package dev.heed.rollout;

/**
 * Bounds and policy of the rollout engine.
 *
 * @param maxLiveSequences    rows decoded together (the KV cache's batch)
 * @param maxCachedTokens     KV-cache slots over all rows; each row gets an equal share
 * @param maxModelLength      prompt + response tokens per sequence; 0 = the model's context (max_position_embeddings)
 * @param maxStepTokens       tokens fed in one step (prompts being prefilled plus one per decoding row); a prompt
 *                            waits in the queue while it would exceed this, unless nothing else is running
 * @param continuousBatching  refill a finished row from the queue at once (false: wait until the whole batch is done)
 * @param truncateLongPrompts keep the last tokens of a prompt that leaves no room in the context (false: reject it)
 */
public record EngineConfig(int maxLiveSequences, long maxCachedTokens, int maxModelLength, int maxStepTokens,
                           boolean continuousBatching, boolean truncateLongPrompts) {
    public EngineConfig {
        if (maxLiveSequences < 1) throw new IllegalArgumentException("max live sequences must be >= 1, got " + maxLiveSequences);
        if (maxCachedTokens < 2) throw new IllegalArgumentException("max cached tokens must be >= 2, got " + maxCachedTokens);
        if (maxModelLength < 0 || maxModelLength == 1) throw new IllegalArgumentException("max model length must be 0 or >= 2, got " + maxModelLength);
        if (maxStepTokens < 1) throw new IllegalArgumentException("max step tokens must be >= 1, got " + maxStepTokens);
    }

    public static EngineConfig defaults() {
        return new EngineConfig(64, 1L << 20, 0, 8192, true, false);
    }

    public EngineConfig withBatch(int live) {
        return new EngineConfig(live, maxCachedTokens, maxModelLength, maxStepTokens, continuousBatching, truncateLongPrompts);
    }

    public EngineConfig withMaxModelLength(int length) {
        return new EngineConfig(maxLiveSequences, maxCachedTokens, length, maxStepTokens, continuousBatching, truncateLongPrompts);
    }

    public EngineConfig withMaxStepTokens(int tokens) {
        return new EngineConfig(maxLiveSequences, maxCachedTokens, maxModelLength, tokens, continuousBatching, truncateLongPrompts);
    }

    public EngineConfig withContinuousBatching(boolean on) {
        return new EngineConfig(maxLiveSequences, maxCachedTokens, maxModelLength, maxStepTokens, on, truncateLongPrompts);
    }

    public EngineConfig withTruncateLongPrompts(boolean on) {
        return new EngineConfig(maxLiveSequences, maxCachedTokens, maxModelLength, maxStepTokens, continuousBatching, on);
    }

    /** The sequence length limit for a model whose context is {@code modelContext}. */
    public int context(int modelContext) {
        return maxModelLength == 0 ? modelContext : Math.min(maxModelLength, modelContext);
    }
}
