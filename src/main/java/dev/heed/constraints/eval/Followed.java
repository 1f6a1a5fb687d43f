package dev.heed.constraints.eval;

import dev.heed.constraints.Constraint;
import dev.heed.constraints.text.PythonText;
import java.util.List;

/**
 * The reference evaluator's two readings of "the response follows the constraint", for any
 * {@link Constraint}. A blank response follows nothing in either reading.
 */
public final class Followed {
    private Followed() {}

    /** Strict: the checker accepts the response as written. */
    public static boolean strict(Constraint constraint, String response) {
        return !PythonText.strip(response).isEmpty() && constraint.check(response);
    }

    /** Loose: the checker accepts any of {@link LooseVariants#of}'s eight variants of the response. */
    public static boolean loose(Constraint constraint, String response) {
        return loose(constraint, LooseVariants.of(response));
    }

    /** Loose with precomputed variants, for checking many constraints against one response. */
    public static boolean loose(Constraint constraint, List<String> variants) {
        for (String variant : variants) {
            if (!PythonText.strip(variant).isEmpty() && constraint.check(variant)) {
                return true;
            }
        }
        return false;
    }
}
