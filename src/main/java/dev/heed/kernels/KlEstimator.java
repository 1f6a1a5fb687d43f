package dev.heed.kernels;

/** The KL estimators between the policy and a reference, per token, as verl names them. */
public enum KlEstimator {
    /** logp − ref. */
    K1(0),
    /** (logp − ref)² / 2. */
    K2(1),
    /** exp(ref − logp) − (ref − logp) − 1, with ref − logp clamped to ±20 and the result to [−10, 10] ("low_var_kl"). */
    K3(2);

    final int code;

    KlEstimator(int code) {
        this.code = code;
    }

    /** Accepts k1/k2/k3 and verl's names: kl, mse, low_var_kl. */
    public static KlEstimator parse(String name) {
        switch (name.toLowerCase()) {
            case "k1": case "kl": return K1;
            case "k2": case "mse": return K2;
            case "k3": case "low_var_kl": return K3;
            default: throw new IllegalArgumentException("unknown KL estimator '" + name + "' (expected k1, k2 or k3)");
        }
    }
}
