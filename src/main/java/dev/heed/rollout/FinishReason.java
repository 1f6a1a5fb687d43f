package dev.heed.rollout;

/** Why a response ended: a stop token or stop string, or its length limit (max_new_tokens or the context). */
public enum FinishReason {
    STOP, LENGTH;

    /** The name written to output files, as OpenAI-style APIs spell it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
