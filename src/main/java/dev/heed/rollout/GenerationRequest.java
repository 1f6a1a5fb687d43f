package dev.heed.rollout;

/** A tokenized prompt and how to sample its responses. */
public record GenerationRequest(long[] promptIds, SamplingParams params) {
    public GenerationRequest {
        promptIds = promptIds.clone();
    }
}
