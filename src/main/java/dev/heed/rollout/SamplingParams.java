package dev.heed.rollout;

import java.util.List;

/**
 * How one request is sampled.
 *
 * @param temperature   0 = greedy; otherwise logits are divided by it before the softmax
 * @param topP          keep the smallest set of most likely tokens whose mass reaches topP (1 = off)
 * @param topK          keep the K most likely tokens (0 = off)
 * @param minP          keep tokens whose probability is at least minP times the top one's (0 = off)
 * @param maxNewTokens  response length limit
 * @param stopTokenIds  ids that end the response (kept in it); null = the tokenizer's stop ids
 * @param stopStrings   texts that end the response, also when split across tokens (cut from the text)
 * @param n             samples drawn for this prompt
 * @param seed          seeds this request's own random streams, one per sample
 */
public record SamplingParams(double temperature, double topP, int topK, double minP, int maxNewTokens,
                             long[] stopTokenIds, List<String> stopStrings, int n, long seed) {
    public SamplingParams {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        if (topK < 0) throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
        if (!(minP >= 0 && minP <= 1)) throw new IllegalArgumentException("min_p must be in [0, 1], got " + minP);
        if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        for (String s : stopStrings) if (s.isEmpty()) throw new IllegalArgumentException("stop strings must not be empty");
        stopTokenIds = stopTokenIds == null ? null : stopTokenIds.clone();
    }

    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(0, 1, 0, 0, maxNewTokens, null, List.of(), 1, 0);
    }

    public static SamplingParams sampled(double temperature, int maxNewTokens, int n, long seed) {
        return new SamplingParams(temperature, 1, 0, 0, maxNewTokens, null, List.of(), n, seed);
    }

    public SamplingParams withTruncation(double topP, int topK, double minP) {
        return new SamplingParams(temperature, topP, topK, minP, maxNewTokens, stopTokenIds, stopStrings, n, seed);
    }

    public SamplingParams withStops(long[] tokenIds, List<String> strings) {
        return new SamplingParams(temperature, topP, topK, minP, maxNewTokens, tokenIds, strings, n, seed);
    }

    public SamplingParams withSeed(long newSeed) {
        return new SamplingParams(temperature, topP, topK, minP, maxNewTokens, stopTokenIds, stopStrings, n, newSeed);
    }

    boolean greedy() {
        return temperature == 0;
    }

    boolean truncates() {
        return topP < 1 || topK > 0 || minP > 0;
    }
}
