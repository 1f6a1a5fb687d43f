package dev.heed.rollout;

/**
 * One response. {@code logprobs[i]} is the behaviour log-probability of {@code responseIds[i]}: the
 * log-softmax over the whole vocabulary of logits / temperature at that step (temperature 1 for greedy).
 * Top-k, top-p and min-p only decide which tokens may be drawn; they do not renormalise the recorded value,
 * so it equals what the trainer recomputes from one full forward at the same temperature and the PPO ratio
 * is exactly 1 on the same weights. (The log-prob under the truncated distribution would be this value
 * minus the log of the kept mass.)
 *
 * @param request   index of the request in the input list
 * @param index     which of the request's n samples
 * @param promptIds the prompt as fed (after any configured truncation)
 * @param text      the decoded response without special tokens, cut before a matched stop string
 * @param seconds   wall time from the start of this sample's prefill to its last token
 * @param firstTokenSeconds wall time from the start of its prefill to its first token (time to first token)
 */
public record Sample(int request, int index, long[] promptIds, long[] responseIds, float[] logprobs, String text,
                     FinishReason finishReason, double seconds, double firstTokenSeconds) {}
