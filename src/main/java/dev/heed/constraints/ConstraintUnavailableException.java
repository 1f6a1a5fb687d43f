package dev.heed.constraints;

/**
 * A constraint that cannot be checked on this machine because data it needs is missing (an NLTK model
 * or word list that Heed reads from the user's NLTK data folders rather than shipping). Thrown when the
 * constraint is created, so an evaluator reports the id as unavailable instead of scoring it: a missing
 * model must never turn into a silent pass or fail.
 */
public class ConstraintUnavailableException extends RuntimeException {
    private final String id;

    public ConstraintUnavailableException(String id, String reason) {
        super(id + " is unavailable: " + reason);
        this.id = id;
    }

    /** The constraint id that could not be created. */
    public String id() {
        return id;
    }
}
