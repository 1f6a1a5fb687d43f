package dev.heed.constraints;

import java.util.Map;

/**
 * One instantiated constraint: an id from the registry plus validated arguments. Plain Java, thread-safe
 * (immutable), no tensors: usable by any JVM tool.
 */
public interface Constraint {
    /** Registry id, e.g. {@code keywords:frequency}. */
    String id();

    ConstraintKind kind();

    /** Strict evaluation of the response, with the reference evaluator's semantics. */
    boolean check(String response);

    /** The instruction text for this constraint, in the project's own wording, for composing prompts. */
    String describe();

    /** The arguments as given after validation (JSON-serialisable values; absent optional ones omitted). */
    Map<String, Object> kwargs();
}
