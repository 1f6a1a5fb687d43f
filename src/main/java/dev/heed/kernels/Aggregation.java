package dev.heed.kernels;

/** How per-token losses [B, T] under a mask become one loss, with verl's names. */
public enum Aggregation {
    /** Σ mask·l / Σ mask. */
    TOKEN_MEAN(0, "token-mean"),
    /** Mean over non-empty sequences of Σ_t mask·l. */
    SEQ_MEAN_TOKEN_SUM(1, "seq-mean-token-sum"),
    /** Mean over non-empty sequences of Σ_t mask·l / Σ_t mask. */
    SEQ_MEAN_TOKEN_MEAN(2, "seq-mean-token-mean"),
    /** Σ over sequences of Σ_t mask·l, divided by T (Dr.GRPO's constant normaliser). */
    SEQ_MEAN_TOKEN_SUM_NORM(3, "seq-mean-token-sum-norm");

    final int code;
    public final String configName;

    Aggregation(int code, String configName) {
        this.code = code;
        this.configName = configName;
    }

    public static Aggregation parse(String name) {
        for (Aggregation a : values()) if (a.configName.equals(name)) return a;
        throw new IllegalArgumentException("unknown loss aggregation '" + name
                + "' (expected token-mean, seq-mean-token-sum, seq-mean-token-mean or seq-mean-token-sum-norm)");
    }
}
